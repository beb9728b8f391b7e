-- What the rule engine found in each entry, and what the user said of it.

CREATE TABLE detections (
    entry_id      TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    family        TEXT NOT NULL CHECK (family IN ('signs', 'triggers', 'thoughts', 'steps', 'safety')),
    label         TEXT NOT NULL,                 -- a catalog identifier, e.g. curt-reply
    source        TEXT NOT NULL CHECK (source IN ('rules', 'user')),   -- found, or added by hand
    status        TEXT NOT NULL DEFAULT 'detected'
                  CHECK (status IN ('detected', 'confirmed', 'dismissed')),
    rule          TEXT,                          -- the rule that fired; NULL when added by hand
    start         INTEGER,                       -- evidence span, byte offsets into the text
    end           INTEGER,
    evidence      TEXT,
    people        TEXT NOT NULL DEFAULT '[]',    -- JSON array of names in the same sentence
    spans         TEXT NOT NULL DEFAULT '[]',    -- JSON array of further spans
    rules_version TEXT,                          -- the rules that last produced it
    PRIMARY KEY (entry_id, family, label)
) WITHOUT ROWID;

CREATE INDEX detections_by_label ON detections (family, label, status);

-- Small facts about the journal itself, such as the rules version its
-- detections come from.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
