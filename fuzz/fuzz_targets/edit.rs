//! Arbitrary bytes as a dossier that a write command changes (`action add`): the write is refused
//! or done, never a panic; a file that changed still reads cleanly, with the new action in it.
#![no_main]

use diplomat::edit::{self, MapBuilder};
use diplomat::model::Action;
use diplomat::model::vocab::{ActionStatus, Owner};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path();
    let path = root.join("cities").join("fuzz.yaml");
    if std::fs::create_dir(root.join("cities")).is_err() || std::fs::write(&path, data).is_err() {
        return;
    }
    let changed = edit::change(root, &path, diplomat::lang::Lang::En, |draft| {
        let id = "a-fuzz".to_owned();
        draft.append(
            "actions",
            MapBuilder::new()
                .plain("id", &id)
                .text("title", "Fuzz: the title, with # and \"quotes\"")
                .plain("owner", "joint")
                .plain("status", "open")
                .build(),
        )?;
        draft.dossier.actions.push(Action {
            id,
            title: "Fuzz: the title, with # and \"quotes\"".into(),
            owner: Owner::Joint,
            due: None,
            status: ActionStatus::Open,
            done: None,
        });
        Ok(())
    });
    let after = std::fs::read(&path).unwrap_or_default();
    match changed {
        Ok(()) => {
            let read = diplomat::workspace::parse_dossier(
                std::path::Path::new("cities/fuzz.yaml"),
                &after,
                diplomat::lang::Lang::En,
            );
            assert!(
                read.is_ok_and(|(d, _)| d.actions.iter().any(|a| a.id == "a-fuzz")),
                "a write that succeeded left a file without its action"
            );
        }
        Err(_) => assert_eq!(after, data, "a refused write changed the file"),
    }
});
