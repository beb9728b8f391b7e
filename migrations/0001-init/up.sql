-- closer's first schema: entries, the people and tags in them, full-text search.
-- Migrations are append-only: never edit this file once released; add migrations/0002-…/up.sql.

CREATE TABLE entries (
    id          TEXT PRIMARY KEY,                 -- UUID v7, text form
    day         TEXT NOT NULL,                    -- journal day, YYYY-MM-DD
    created_at  TEXT NOT NULL,                    -- RFC 3339 with the writer's UTC offset
    updated_at  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('checkin', 'note', 'weekly')),
    text        TEXT NOT NULL,
    sections    TEXT,                             -- check-in answers as JSON, NULL for notes
    mood        INTEGER CHECK (mood BETWEEN 1 AND 5),
    urge        INTEGER CHECK (urge BETWEEN 0 AND 10),
    private     INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    discuss     INTEGER NOT NULL DEFAULT 0 CHECK (discuss IN (0, 1)),
    revision    INTEGER NOT NULL DEFAULT 1,       -- bumped on every change
    deleted_at  TEXT                              -- set while the entry is in the trash
);

-- The journal is read newest first; the partial index serves every list of
-- live entries without a sort.
CREATE INDEX entries_by_day ON entries (day DESC, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_in_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,                    -- as the user first wrote it
    name_key    TEXT NOT NULL UNIQUE,             -- lower-cased, for matching
    role        TEXT,                             -- "partner", "mother": used when redacting
    created_at  TEXT NOT NULL
);

CREATE TABLE person_aliases (
    alias_key   TEXT PRIMARY KEY,                 -- lower-cased
    alias       TEXT NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE entry_people (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    via         TEXT NOT NULL CHECK (via IN ('text', 'given')),  -- an @mention, or named besides
    PRIMARY KEY (entry_id, person_id)
) WITHOUT ROWID;
CREATE INDEX entry_people_by_person ON entry_people (person_id, entry_id);

CREATE TABLE entry_tags (
    entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,                    -- lower-cased, without '#'
    position    INTEGER NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);

-- Full-text search over entry text, kept in step by triggers. Porter stemming
-- lets "ignore" find "ignored"; diacritics fold so "cafe" finds "café".
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    text,
    content = 'entries',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO entries_fts (rowid, text) VALUES (new.rowid, new.text);
END;
