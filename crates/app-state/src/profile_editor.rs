//! The profile editor's page: a rule profile written in the browser, starting from a built-in one
//! (or a profile file, or one this browser keeps), read and validated after every change, with a
//! sample form scored live under it. Saving adds it to the registry, which the page writes to this
//! browser's storage for the app's page to read; export writes a file that `extends` its built-in
//! with only what differs.
//!
//! The profile editor is a page of its own (`crates/profile-editor`), loaded only by those who open
//! it: this is its whole state and its one reducer, as [`crate::AppState`] is the app's.

use crate::notices::{ImportReport, Notice};
use crate::DraftMeta;
use std::rc::Rc;
use ziping_engine::model::Form;
use ziping_engine::path::DocPath;
use ziping_engine::profile::{Change, ProfileDraft};
use ziping_engine::text::Lang;
use ziping_engine::Registry;
use ziping_engine::{evaluate, Evaluation, Problem, Profile, Text};

/// The sample form scored under the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// What the sample is (the form's project, or the example's name), as the page shows it.
    pub name: String,
    pub form: Rc<Form>,
    /// Its evaluation under the draft as last read; `None` before the draft has read once.
    pub evaluation: Option<Rc<Evaluation>>,
    /// The draft has changed since and does not read: the evaluation is of the last draft that did.
    pub stale: bool,
}

/// The profile being written.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileEditor {
    pub draft: ProfileDraft,
    /// The draft read and validated: its profile, or every problem at its path.
    pub read: Result<Rc<Profile>, Vec<Problem>>,
    pub sample: Sample,
    /// The id of the saved profile being edited (`None` for a new one).
    pub origin: Option<String>,
    /// Saved in this browser, and not changed since.
    pub saved: bool,
}

/// The profile editor's page.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ProfilePage {
    pub lang: Lang,
    /// The built-in profiles and those this browser keeps.
    pub registry: Registry,
    /// The drafts this browser holds, offered as samples.
    pub drafts: Vec<DraftMeta>,
    /// The profile being written (`None`: the page offers where to start).
    pub editor: Option<Rc<ProfileEditor>>,
    pub notice: Option<Notice>,
    pub import_report: Option<ImportReport>,
}

/// What the user does in the profile editor.
#[derive(Clone, Debug, PartialEq)]
pub enum ProfileAction {
    SetLang(Lang),
    /// What this browser keeps, at start: profiles (each with its file's text) and the drafts' list.
    Kept {
        profiles: Vec<(Profile, String)>,
        drafts: Vec<DraftMeta>,
    },
    /// Dismiss the notice and the import report.
    Dismiss,
    /// A file could not be read (too large, unreadable): every problem is shown, nothing changes.
    Failed(ImportReport),
    /// A new profile starting from built-in `base`.
    New {
        base: String,
    },
    /// Edit a profile this browser keeps.
    Edit {
        id: String,
    },
    /// A profile file the user chose, opened in the editor (not saved until they save it).
    Open {
        file: String,
        text: String,
    },
    /// A change at a path of the draft's document.
    Change {
        path: DocPath,
        change: Change,
    },
    /// Score this form (a file's text) as the sample instead.
    Sample {
        name: String,
        text: String,
    },
    /// Save the draft in this browser (added to the registry under its id: the profile it was opened
    /// from is replaced when the id is the same, and kept when the id changed, since forms may name it).
    Save,
    /// Back to where to start (what was not saved is dropped: the page asks first).
    Close,
}

impl ProfilePage {
    pub fn new(lang: Lang) -> ProfilePage {
        ProfilePage {
            lang,
            ..ProfilePage::default()
        }
    }

    /// The next state. Never panics; an action that does not apply leaves the state as it is.
    pub fn reduce(&self, action: ProfileAction) -> ProfilePage {
        let mut s = self.clone();
        reduce(&mut s, action);
        s
    }
}

fn reduce(s: &mut ProfilePage, action: ProfileAction) {
    match action {
        ProfileAction::SetLang(l) => s.lang = l,
        ProfileAction::Kept { profiles, drafts } => {
            s.drafts = drafts;
            // A kept profile that would take a built-in id is not used (the built-in rules hold).
            for (p, source) in profiles {
                let _ = s.registry.add_file(p, &source);
            }
        }
        ProfileAction::Failed(report) => s.import_report = Some(report),
        ProfileAction::Dismiss => {
            s.notice = None;
            s.import_report = None;
        }
        ProfileAction::New { base } => {
            let id = free_id(s, &format!("{base}-local"));
            if let Some(draft) = ProfileDraft::from_builtin(&base, &id, ("（本地）", " (local)"))
            {
                open(s, draft, None);
            }
        }
        ProfileAction::Edit { id } => {
            let Some(i) = s.registry.custom().iter().position(|p| p.id == id) else {
                s.notice = Some(Notice::Failed(Text {
                    zh: format!(
                        "本浏览器没有编号为“{}”的规则",
                        ziping_engine::text::quote(&id)
                    ),
                    en: format!(
                        "this browser keeps no profile \"{}\"",
                        ziping_engine::text::quote(&id)
                    ),
                }));
                return;
            };
            let source = s.registry.custom_sources()[i].clone();
            match ProfileDraft::open(&source) {
                Ok(draft) => open(s, draft, Some(id)),
                Err(problems) => {
                    s.import_report = Some(ImportReport {
                        file: format!("{id}.json"),
                        problems,
                    })
                }
            }
        }
        ProfileAction::Open { file, text } => match ProfileDraft::open(&text) {
            Ok(draft) => open(s, draft, None),
            Err(problems) => s.import_report = Some(ImportReport { file, problems }),
        },
        ProfileAction::Change { path, change } => {
            if let Some(ed) = s.editor.as_mut().map(Rc::make_mut) {
                if ed.draft.change(&path, change) {
                    ed.saved = false;
                    ed.reread();
                }
            }
        }
        ProfileAction::Sample { name, text } => {
            let Some(ed) = s.editor.as_mut().map(Rc::make_mut) else {
                return;
            };
            match ziping_engine::format::read_form(&text) {
                Ok(form) => {
                    // Named by its project where it has one, else by its file.
                    let name = match form.header.project.trim() {
                        "" => name,
                        project => project.to_string(),
                    };
                    ed.sample = Sample {
                        name,
                        form: Rc::new(form),
                        evaluation: None,
                        stale: false,
                    };
                    ed.reread();
                }
                Err(problems) => {
                    s.import_report = Some(ImportReport {
                        file: name,
                        problems,
                    })
                }
            }
        }
        ProfileAction::Save => save(s),
        ProfileAction::Close => s.editor = None,
    }
}

fn open(s: &mut ProfilePage, draft: ProfileDraft, origin: Option<String>) {
    let sample = first_sample(s, draft.base(), origin.as_deref());
    let mut ed = ProfileEditor {
        read: Err(Vec::new()),
        sample,
        saved: origin.is_some(),
        origin,
        draft,
    };
    ed.reread();
    s.editor = Some(Rc::new(ed));
    s.import_report = None;
    s.notice = None;
}

/// `id`, or `id-2`, `id-3` … the first that no profile has.
fn free_id(s: &ProfilePage, id: &str) -> String {
    let taken = |c: &str| s.registry.get(c).is_some();
    if !taken(id) {
        return id.into();
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or_default()
}

/// The sample a draft starts with: the example if it is of the draft's built-in or of the profile
/// being edited, else a blank form of the built-in (the page then offers the newest draft of this
/// browser that fits, see [`ProfileEditor::sample_wanted`]).
fn first_sample(s: &ProfilePage, base: &str, origin: Option<&str>) -> Sample {
    let fits = |f: &Form| f.profile == base || Some(f.profile.as_str()) == origin;
    let sample = |name: String, form: Form| Sample {
        name,
        form: Rc::new(form),
        evaluation: None,
        stale: false,
    };
    if let Ok(example) = ziping_engine::format::read_form(ziping_engine::sample::EXAMPLE) {
        if fits(&example) {
            return sample(example.header.project.clone(), example);
        }
    }
    let blank = s
        .registry
        .get(base)
        .or_else(|| origin.and_then(|o| s.registry.get(o)))
        .map(|p| p.blank_form())
        .unwrap_or_default();
    sample(String::new(), blank)
}

impl ProfileEditor {
    /// The draft this browser holds that would make a better sample than the blank form the editor
    /// started with: the newest of the draft's built-in or of the profile being edited.
    pub fn sample_wanted<'a>(&self, drafts: &'a [DraftMeta]) -> Option<&'a DraftMeta> {
        if !self.sample.name.is_empty() {
            return None;
        }
        let origin = self.origin.as_deref();
        drafts
            .iter()
            .filter(|d| d.profile == self.draft.base() || Some(d.profile.as_str()) == origin)
            .max_by_key(|d| d.updated)
    }

    /// Reads the draft again and scores the sample under it.
    fn reread(&mut self) {
        self.read = self.draft.read().map(Rc::new);
        match &self.read {
            Ok(profile) => {
                let mut form = (*self.sample.form).clone();
                form.profile = profile.id.clone();
                form.profile_hash = profile.fingerprint().to_string();
                self.sample.evaluation = Some(Rc::new(evaluate(&form, profile)));
                self.sample.stale = false;
            }
            Err(_) => self.sample.stale = self.sample.evaluation.is_some(),
        }
    }

    /// The problems of the draft (none when it reads).
    pub fn problems(&self) -> &[Problem] {
        match &self.read {
            Ok(_) => &[],
            Err(p) => p,
        }
    }

    /// The problems at `path` or inside it (an input shows them beside itself).
    pub fn problems_at<'a>(&'a self, path: &'a DocPath) -> impl Iterator<Item = &'a Problem> + 'a {
        self.problems().iter().filter(move |p| match &p.path {
            ziping_engine::path::Location::Value(d) => d.0.starts_with(&path.0),
            _ => false,
        })
    }
}

fn save(s: &mut ProfilePage) {
    let Some(ed) = s.editor.as_mut().map(Rc::make_mut) else {
        return;
    };
    let profile = match &ed.read {
        Ok(p) => (**p).clone(),
        Err(problems) => {
            s.notice = Some(Notice::Failed(Text {
                zh: format!("规则有 {} 处问题，未保存；请先按提示改正", problems.len()),
                en: format!(
                    "the profile has {} problem(s) and was not saved: correct them first",
                    problems.len()
                ),
            }));
            return;
        }
    };
    // Saving under the id of another profile this browser keeps would replace it: refused.
    let other = s.registry.custom().iter().any(|p| p.id == profile.id)
        && ed.origin.as_deref() != Some(profile.id.as_str());
    if other {
        s.notice = Some(Notice::Failed(Text {
            zh: format!(
                "本浏览器已有编号为“{}”的另一条规则；请改用其他编号",
                ziping_engine::text::quote(&profile.id)
            ),
            en: format!(
                "this browser already keeps another profile with the id \"{}\": choose another id",
                ziping_engine::text::quote(&profile.id)
            ),
        }));
        return;
    }
    match s.registry.add_file(profile.clone(), &ed.draft.file()) {
        Ok(p) => {
            ed.origin = Some(p.id.clone());
            ed.saved = true;
            s.notice = Some(Notice::Info(format!(
                "已保存规则 · profile saved: {} · {}",
                p.name.zh, p.name.en
            )));
        }
        Err(problem) => {
            s.notice = Some(Notice::Failed(problem.message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziping_engine::path::DocPath;

    fn at(s: &str) -> DocPath {
        DocPath::parse(s).unwrap()
    }

    fn set(s: &ProfilePage, path: &str, text: &str) -> ProfilePage {
        s.reduce(ProfileAction::Change {
            path: at(path),
            change: Change::Text(text.into()),
        })
    }

    fn total(s: &ProfilePage) -> (String, String) {
        let ev = s
            .editor
            .as_ref()
            .unwrap()
            .sample
            .evaluation
            .clone()
            .unwrap();
        (
            ev.total.shown().to_string(),
            ev.grade
                .as_ref()
                .map(|g| g.grade.clone())
                .unwrap_or_default(),
        )
    }

    #[test]
    fn a_band_changed_re_scores_the_sample_and_a_saved_profile_is_kept_and_reopened() {
        let s = ProfilePage::new(Lang::Zh).reduce(ProfileAction::New {
            base: "jinzhong-2021".into(),
        });
        let ed = s.editor.as_ref().unwrap();
        assert_eq!(ed.draft.text(&at("id")), "jinzhong-2021-local");
        assert!(ed.sample.name.contains("交警"), "{}", ed.sample.name);
        assert_eq!(total(&s), ("97.66".into(), "优".into()));
        // 优 from 98: the sample's grade is now 良.
        let s = set(&s, "grades[0].min", "98");
        assert_eq!(total(&s), ("97.66".into(), "良".into()));
        // A fixed row's weight: the block's weights no longer add up, said at its path; the sample
        // keeps its last score, marked as such; saving is refused.
        let s = set(&s, "blocks[0].rows[5].weight", "4");
        let ed = s.editor.as_ref().unwrap();
        assert!(ed.sample.stale);
        assert!(
            ed.problems_at(&at("blocks[0]")).next().is_some(),
            "{:?}",
            ed.problems()
        );
        let refused = s.reduce(ProfileAction::Save);
        assert!(refused.registry.custom().is_empty());
        assert!(matches!(refused.notice, Some(Notice::Failed(_))));
        // Put right, the sample scores again, and saving keeps it.
        let s = set(&s, "blocks[0].rows[5].weight", "3");
        assert!(!s.editor.as_ref().unwrap().sample.stale);
        let s = s.reduce(ProfileAction::Save);
        assert_eq!(s.registry.custom().len(), 1);
        assert!(s.editor.as_ref().unwrap().saved);
        let source = s.registry.custom_sources()[0].to_string();
        assert!(
            source.contains("\"extends\": \"jinzhong-2021\""),
            "{source}"
        );
        // A form of the saved profile scores with the new band.
        let form = s.registry.get("jinzhong-2021-local").unwrap();
        assert_eq!(form.grades[0].min.to_string(), "98");
        // Closed and opened again for editing: the same draft.
        let draft = s.editor.as_ref().unwrap().draft.clone();
        let s = s.reduce(ProfileAction::Close);
        assert!(s.editor.is_none());
        let s = s.reduce(ProfileAction::Edit {
            id: "jinzhong-2021-local".into(),
        });
        let ed = s.editor.as_ref().unwrap();
        assert_eq!(ed.draft, draft);
        assert!(ed.saved);
        assert_eq!(total(&s), ("97.66".into(), "良".into()));
        // A second new draft from the same built-in takes the next free id.
        let s = s.reduce(ProfileAction::New {
            base: "jinzhong-2021".into(),
        });
        let ed = s.editor.as_ref().unwrap();
        assert_eq!(ed.draft.text(&at("id")), "jinzhong-2021-local-2");
        assert!(!ed.saved);
        // Saving it under the first one's id is refused: that one is kept as it is.
        let s = set(&s, "id", "jinzhong-2021-local");
        let s = set(&s, "grades[0].min", "85");
        let s = s.reduce(ProfileAction::Save);
        assert!(matches!(s.notice, Some(Notice::Failed(_))));
        assert_eq!(
            s.registry.get("jinzhong-2021-local").unwrap().grades[0]
                .min
                .to_string(),
            "98"
        );
    }

    #[test]
    fn kept_profiles_are_read_at_start_but_never_over_a_builtin() {
        let mut mine = ziping_engine::Profile::builtin("central-2020").unwrap();
        let evil = mine.clone();
        mine.id = "mine".into();
        let s = ProfilePage::new(Lang::En).reduce(ProfileAction::Kept {
            profiles: vec![(mine.clone(), mine.to_json()), (evil, "{}".into())],
            drafts: Vec::new(),
        });
        assert_eq!(s.registry.custom().len(), 1);
        assert_eq!(s.registry.get("mine").unwrap().id, "mine");
        let s = s.reduce(ProfileAction::Edit { id: "mine".into() });
        assert_eq!(s.editor.as_ref().unwrap().origin.as_deref(), Some("mine"));
        let s = s.reduce(ProfileAction::SetLang(Lang::Zh));
        assert_eq!(s.lang, Lang::Zh);
        // Editing an id this browser does not keep changes nothing but says so.
        let same = s.reduce(ProfileAction::Edit { id: "nope".into() });
        assert_eq!(same.editor, s.editor);
        assert!(matches!(&same.notice, Some(Notice::Failed(t)) if t.en.contains("nope")));
    }

    #[test]
    fn a_file_that_does_not_read_leaves_everything_as_it_was() {
        let s = ProfilePage::new(Lang::Zh);
        let after = s.reduce(ProfileAction::Open {
            file: "bad.json".into(),
            text: "{\"extends\": 3}".into(),
        });
        assert!(after.editor.is_none());
        let report = after.import_report.unwrap();
        assert_eq!(report.file, "bad.json");
        assert_eq!(report.problems[0].path.to_string(), "extends");
        // A file that reads opens with its problems listed, at their paths.
        let text = r#"{"format": "ziping-profile", "extends": "central-2020", "id": "c-x",
            "blocks": [{"id": "output", "weight": "60"}]}"#;
        let s = s.reduce(ProfileAction::Open {
            file: "c-x.json".into(),
            text: text.into(),
        });
        let ed = s.editor.as_ref().unwrap();
        assert!(!ed.problems().is_empty());
        assert!(ed.sample.evaluation.is_none());
        // The sample is a blank central-2020 form (the example is of another layout); the page
        // offers the newest draft of that built-in instead, if this browser holds one.
        assert_eq!(ed.sample.form.profile, "central-2020");
        let draft = |id: &str, profile: &str, updated| DraftMeta {
            id: id.into(),
            title: id.into(),
            profile: profile.into(),
            updated,
        };
        let drafts = [
            draft("a", "central-2020", 5),
            draft("b", "jinzhong-2021", 9),
            draft("c", "central-2020", 7),
        ];
        assert_eq!(ed.sample_wanted(&drafts).map(|d| d.id.as_str()), Some("c"));
        assert_eq!(ed.sample_wanted(&drafts[1..2]), None);
        let s = set(&s, "blocks[1].weight", "50");
        assert!(s.editor.as_ref().unwrap().problems().is_empty());
        // Another form as the sample; a text that is not a form is refused and nothing changes.
        let bad = s.reduce(ProfileAction::Sample {
            name: "x.json".into(),
            text: "[]".into(),
        });
        assert_eq!(bad.editor, s.editor);
        assert!(bad.import_report.is_some());
        let form = ziping_engine::sample::large_form(9);
        let s = s.reduce(ProfileAction::Sample {
            name: "large".into(),
            text: ziping_engine::to_json(&form),
        });
        let ed = s.editor.as_ref().unwrap();
        assert_eq!(ed.sample.name, form.header.project);
        assert!(ed.sample.evaluation.is_some());
    }
}
