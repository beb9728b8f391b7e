//! Everything a key can ask the app to do. Screens turn keys into actions
//! and do no work themselves; `App::update` carries actions out.

use crate::rules::Family;
use crate::store::RepairKey;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    /// Leave the current screen (or popup).
    Back,
    Help,
    OpenHome,
    /// Tonight's check-in (a draft, tonight's entry, or a new one).
    OpenCheckin,
    OpenEntries,
    OpenReview,
    OpenPeople,
    OpenEntry(String),
    /// Edit an entry in the form.
    EditEntry(String),
    /// The check-in form changed: its draft is due to be saved.
    FormChanged,
    /// Work out what the rules see in the form, for the review pane.
    AnalyseForm,
    SaveForm,
    /// Leave the form, keeping it as a draft.
    KeepDraft,
    /// Ask before throwing the form's draft away...
    DiscardDraft,
    /// ...and throw it away once the user said yes.
    DropDraft,
    /// Search and filter the entries list with this query.
    FilterEntries(String),
    /// Ask before moving an entry to the trash.
    ConfirmDelete(String),
    Delete(String),
    UndoDelete,
    /// Yesterday's small step: done or not.
    AnswerSmallStep {
        entry_id: String,
        done: bool,
    },
    RepairDone(RepairKey),
    /// Show the review of another week, relative to the one shown.
    ReviewWeek(i32),
    /// Write (or edit) the reflection of the week shown.
    WriteReflection,
    /// Confirm, dismiss or add a label of the entry shown.
    Label {
        entry_id: String,
        family: Family,
        label: String,
        decision: crate::journal::Decision,
    },
}
