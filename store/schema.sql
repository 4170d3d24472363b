-- twoplus store schema. Compiled into the binary (tools/embed.py); applied by store_db_create().
-- Offsets (start, end) are byte offsets into documents.clean_text. Columns ending in _json hold
-- JSON text rendered at ingest. Bump user_version when the shape changes.
PRAGMA user_version = 4;

-- One row per ingested corpus file. id is the stable id derived from the file name stem.
CREATE TABLE documents (
    seq         INTEGER PRIMARY KEY,        -- ingest order (sorted file names)
    id          TEXT NOT NULL UNIQUE,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    byte_size   INTEGER NOT NULL,
    mtime       INTEGER NOT NULL,           -- seconds since the epoch
    title       TEXT,
    title_sort  TEXT NOT NULL DEFAULT '',   -- lower-cased title for keyset sorting
    source      TEXT,
    url         TEXT,
    published   TEXT,                       -- YYYY-MM-DD, YYYY-MM or YYYY
    published_precision TEXT,               -- day, month, year; NULL when unknown
    published_key TEXT NOT NULL DEFAULT '', -- coalesce(published, ''): the sort key
    byline      TEXT,
    dateline    TEXT,
    language    TEXT,
    word_count  INTEGER NOT NULL,
    versions    INTEGER,                    -- columns of a version table, or NULL
    invalid_utf8 INTEGER NOT NULL DEFAULT 0,
    sentence_count INTEGER NOT NULL DEFAULT 0,
    meta_json   TEXT NOT NULL DEFAULT '{}', -- each metadata field with provenance and offsets
    paragraphs_json TEXT NOT NULL DEFAULT '[]',
    removed_json TEXT NOT NULL DEFAULT '[]',
    related_json TEXT NOT NULL DEFAULT '[]',
    raw_text    TEXT NOT NULL,
    clean_text  TEXT NOT NULL
);
CREATE INDEX documents_title ON documents(title_sort, id);
-- Sort keys are plain columns, not expressions: SQLite (3.40) seeks an index on an expression
-- for a plain comparison but not for the (key, id) > (?, ?) of a later page, and never reads
-- one as covering. Date filters compare the key too, so one index serves filter and order.
CREATE INDEX documents_published ON documents(published_key, id);
CREATE INDEX documents_source ON documents(source COLLATE NOCASE, id); -- source = ? COLLATE NOCASE

-- Entities: gazetteer rows (kb = 1) and names found only in the texts (kb = 0).
CREATE TABLE entities (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,              -- person, organization, country, place, agreement
    name        TEXT NOT NULL,
    name_sort   TEXT NOT NULL,
    kb          INTEGER NOT NULL,
    gender      TEXT,
    aliases_json TEXT NOT NULL DEFAULT '[]',
    aliases_text TEXT NOT NULL DEFAULT '',  -- aliases joined by ' | ', for full-text search
    roles_json  TEXT NOT NULL DEFAULT '[]', -- gazetteer roles with dates and sources
    kb_json     TEXT,                       -- the gazetteer row as read
    source      TEXT,                       -- the gazetteer row's source URL
    mention_count INTEGER NOT NULL DEFAULT 0,
    document_count INTEGER NOT NULL DEFAULT 0,
    statement_count INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT,                       -- earliest published date of a document naming it
    last_seen   TEXT
);
-- Each list order (sort key, id), alone and after the type filter.
CREATE INDEX entities_type ON entities(type, mention_count, id);
CREATE INDEX entities_type_name ON entities(type, name_sort, id);
CREATE INDEX entities_type_documents ON entities(type, document_count, id);
CREATE INDEX entities_mentions ON entities(mention_count, id);
CREATE INDEX entities_name ON entities(name_sort, id);
CREATE INDEX entities_documents ON entities(document_count, id);

CREATE TABLE entity_aliases (
    entity_id   TEXT NOT NULL,
    alias_lower TEXT NOT NULL,
    PRIMARY KEY (alias_lower, entity_id)
) WITHOUT ROWID;

CREATE TABLE mentions (
    seq         INTEGER PRIMARY KEY,
    entity_id   TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    doc_seq     INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    sentence    INTEGER NOT NULL,
    role        TEXT,
    role_from   TEXT,
    rule        TEXT NOT NULL,
    demonym     INTEGER NOT NULL DEFAULT 0,
    pos         INTEGER NOT NULL DEFAULT 0  -- doc_seq * 2^32 + start: document order, then offset
);
-- An entity's mentions in list order (pos, then seq), with doc_id for the join: the count and
-- the page read the index alone.
CREATE INDEX mentions_entity ON mentions(entity_id, pos, seq, doc_id);
CREATE INDEX mentions_entity_doc ON mentions(entity_id, doc_id, pos, seq);
CREATE INDEX mentions_doc ON mentions(doc_id, start);

-- Derived at ingest (store/write.c) for GET /v1/entities/{id}: the documents naming an entity
-- in the order the API lists them, and the roles the texts give it.
CREATE TABLE entity_documents (
    entity_id   TEXT NOT NULL,
    published   TEXT NOT NULL,              -- coalesce(documents.published, '')
    doc_id      TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (entity_id, published, doc_id)
) WITHOUT ROWID;

CREATE TABLE entity_roles (
    entity_id   TEXT NOT NULL,
    role        TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    documents_json TEXT NOT NULL,           -- the documents' ids, in document order
    PRIMARY KEY (entity_id, role)
) WITHOUT ROWID;

-- Co-occurrence, both directions: within one sentence, and within one document.
CREATE TABLE entity_pairs (
    a           TEXT NOT NULL,
    b           TEXT NOT NULL,
    sentences   INTEGER NOT NULL,
    documents   INTEGER NOT NULL,
    by_sentences INTEGER NOT NULL,          -- sort keys: sentences * 1000000 + documents
    by_documents INTEGER NOT NULL,          -- documents * 1000000 + sentences
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX entity_pairs_sentences ON entity_pairs(a, by_sentences, b);
CREATE INDEX entity_pairs_documents ON entity_pairs(a, by_documents, b);

CREATE TABLE statements (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    doc_id      TEXT NOT NULL,
    doc_seq     INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    kind        TEXT NOT NULL,              -- direct, partial, document, term
    speaker_id  TEXT,
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_description TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue         TEXT,
    cue_start   INTEGER,
    cue_end     INTEGER,
    rule        TEXT NOT NULL,
    confidence  REAL NOT NULL,
    date        TEXT,                       -- when said: the text's day, else the document's
    date_precision TEXT,
    date_from   TEXT,                       -- text, document, or NULL
    date_key    TEXT NOT NULL DEFAULT '',   -- coalesce(date, ''): the sort key
    confidence_key TEXT NOT NULL DEFAULT '', -- printf('%.6f', confidence): the sort key
    pos         INTEGER NOT NULL DEFAULT 0, -- doc_seq * 2^32 + start: the sort key 'position'
    paragraph   INTEGER NOT NULL,
    meeting_id  TEXT,
    mentioned_json TEXT NOT NULL DEFAULT '[]'
);
-- Each filter followed by the default order (date_key, id), and kind, which every list
-- filters on: date filters compare date_key (store/statements.c), so the index alone serves
-- filter, count and page.
CREATE INDEX statements_speaker ON statements(speaker_id, date_key, id, kind);
CREATE INDEX statements_doc ON statements(doc_id, date_key, id, kind);
CREATE INDEX statements_date ON statements(date_key, id, kind);
CREATE INDEX statements_meeting ON statements(meeting_id, date_key, id, kind);
CREATE INDEX statements_confidence ON statements(confidence_key, id, kind);
CREATE INDEX statements_position ON statements(pos, id, kind);

CREATE TABLE statement_entities (
    statement_id TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    date_key    TEXT NOT NULL DEFAULT '',   -- the statement's date_key and kind, copied at the
    kind        TEXT NOT NULL DEFAULT '',   -- end of the ingest for the index below
    PRIMARY KEY (entity_id, statement_id)
) WITHOUT ROWID;
-- The statements naming an entity in the default list order (store/statements.c).
CREATE INDEX statement_entities_date ON statement_entities(entity_id, date_key, statement_id,
                                                           kind);

CREATE TABLE meetings (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    date        TEXT,
    date_precision TEXT,
    date_key    TEXT NOT NULL DEFAULT '',   -- coalesce(date, ''): the sort key
    place_id    TEXT,
    place_name  TEXT,
    venue       TEXT,
    registry_id TEXT,
    registry_json TEXT,
    candidates_json TEXT NOT NULL DEFAULT '[]',
    label       TEXT,
    origin      TEXT NOT NULL,              -- text, registry, or both
    document_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meetings_date ON meetings(date_key, id);

-- Dated items counted per kind and date at ingest, so that /v1/timeline groups a few thousand
-- rows whatever the corpus size (store/meetings.c). kind: meeting, document, statement.
CREATE TABLE timeline_counts (
    kind        TEXT NOT NULL,
    date        TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (kind, date)
) WITHOUT ROWID;

CREATE TABLE meeting_participants (
    meeting_id  TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT,
    origin      TEXT NOT NULL,              -- text or registry
    doc_id      TEXT,                       -- evidence, when from a text
    start       INTEGER,
    end         INTEGER
);
CREATE INDEX meeting_participants_meeting ON meeting_participants(meeting_id);
CREATE INDEX meeting_participants_entity ON meeting_participants(entity_id);

-- Where a text reports the meeting, and the words that gave its date and place.
CREATE TABLE meeting_evidence (
    meeting_id  TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    field       TEXT NOT NULL,              -- mention, date, place
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    status      TEXT,                       -- what this mention says of the meeting
    date        TEXT,
    date_precision TEXT
);
CREATE INDEX meeting_evidence_meeting ON meeting_evidence(meeting_id);
CREATE INDEX meeting_evidence_doc ON meeting_evidence(doc_id);

CREATE TABLE meeting_outcomes (
    meeting_id  TEXT NOT NULL,
    doc_id      TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX meeting_outcomes_meeting ON meeting_outcomes(meeting_id);

-- Files the ingest passed over, with the reason, for /v1/stats.
CREATE TABLE skipped_files (
    file_name TEXT NOT NULL,
    reason    TEXT NOT NULL,                -- stable code: unreadable, empty, binary, ...
    detail    TEXT NOT NULL
);

-- Key/value facts about the last ingest (duration, counts, corpus path, completion).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every corpus file the database was built from, with what restart compares: when all of them
-- and build_inputs match what is on disk now, the database is served without a new ingest.
CREATE TABLE corpus_files (
    name     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,              -- -1 when the file could not be stat'ed
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL
) WITHOUT ROWID;

-- What else the rows depend on (fingerprint: a SHA-256 of the binary, reference data,
-- manifest, corpus path and size limit). Not part of the API, unlike meta.
CREATE TABLE build_inputs (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Full-text search (BM25): external-content indexes filled in bulk at the end of an ingest.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, clean_text, content='documents', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, speaker_name, content='statements', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE entities_fts USING fts5(
    name, aliases_text, content='entities', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
