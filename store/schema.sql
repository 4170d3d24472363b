-- twoplus store schema. Compiled into the binary (tools/embed.py); applied by store_db_open()
-- when it creates a database. Bump user_version when the shape changes.
PRAGMA user_version = 1;

-- One row per ingested corpus file. id is the stable id derived from the file name stem.
CREATE TABLE documents (
    seq        INTEGER PRIMARY KEY,          -- ingest order (sorted file names)
    id         TEXT NOT NULL UNIQUE,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    byte_size  INTEGER NOT NULL,
    mtime      INTEGER NOT NULL,             -- seconds since the epoch
    title      TEXT,                         -- provisional: first meaningful line, or NULL
    title_sort TEXT NOT NULL DEFAULT '',     -- lower-cased title for keyset sorting
    raw_text   TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    word_count INTEGER NOT NULL
);
CREATE INDEX documents_title ON documents(title_sort, id);

-- Files the ingest passed over, with the reason, for /v1/stats.
CREATE TABLE skipped_files (
    file_name TEXT NOT NULL,
    reason    TEXT NOT NULL,                 -- stable code: unreadable, empty, binary, ...
    detail    TEXT NOT NULL
);

-- Key/value facts about the last ingest (duration, counts, corpus path, completion).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
