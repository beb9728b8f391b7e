-- What the TUI keeps between sessions: the check-in being written, the
-- answers to "did you do yesterday's small step?", and repairs marked done.

-- A check-in being written, saved as the user types so a crash, a closed
-- terminal or Esc loses nothing. One draft per kind of form.
CREATE TABLE drafts (
    form        TEXT PRIMARY KEY,               -- 'checkin'
    day         TEXT NOT NULL,                  -- the journal day it is for
    entry_id    TEXT,                           -- the check-in it edits, if any
    revision    INTEGER,                        -- that entry's revision when opened
    body        TEXT NOT NULL,                  -- the form as JSON
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;

-- "Yesterday you meant to: … did you do it?" One answer per small step.
CREATE TABLE small_steps (
    entry_id    TEXT PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    done        INTEGER NOT NULL CHECK (done IN (0, 1)),
    answered_at TEXT NOT NULL
) WITHOUT ROWID;

-- A sign toward someone the user has since mended ("went quiet on Tuesday":
-- followed up). Keyed by the detection it answers.
CREATE TABLE repairs_done (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    person      TEXT NOT NULL,                  -- name_key of the person
    done_at     TEXT NOT NULL,
    PRIMARY KEY (entry_id, label, person)
) WITHOUT ROWID;
