/* store/write.c: the ingest's side of the store: one write transaction, prepared inserts, the
 * derived tables computed in SQL at the end, and the commit that makes a database complete
 * (and, for a file, renames it into place). */
#include "store/internal.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int store_write_begin(struct store_db *db)
{
    return store_exec(db->writer->conn, "BEGIN", "begin ingest");
}

static void write_text(sqlite3_stmt *stmt, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(stmt, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, col);
}

/* A sort key: ASCII-lower-cased, so "japan" and "Japan" sort together. malloc'd. */
static char *write_sort_key(const char *s)
{
    char *key = strdup(s ? s : "");

    if (key)
        for (char *p = key; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    return key;
}

static int write_step(struct store_db *db, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt) == SQLITE_DONE ? STORE_OK : store_fail(db->writer->conn, what);

    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc;
}

int store_write_doc(struct store_db *db, const struct store_doc_in *doc, int64_t *seq)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer,
        "INSERT INTO documents (id, file_name, sha256, byte_size, mtime, title, title_sort, "
        "source, url, published, published_precision, published_key, byline, dateline, "
        "language, word_count, versions, invalid_utf8, sentence_count, meta_json, "
        "paragraphs_json, removed_json, related_json, raw_text, clean_text) VALUES (?1, ?2, ?3, "
        "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce(?10, ''), ?12, ?13, ?14, ?15, ?16, ?17, "
        "?18, coalesce(?19, '{}'), coalesce(?20, '[]'), coalesce(?21, '[]'), "
        "coalesce(?22, '[]'), ?23, ?24)");
    char *sort_key = write_sort_key(doc->title);
    int rc;

    if (!stmt || !sort_key) {
        free(sort_key);
        return stmt ? STORE_NOMEM : STORE_ERROR;
    }
    write_text(stmt, 1, doc->id);
    write_text(stmt, 2, doc->file_name);
    write_text(stmt, 3, doc->sha256);
    sqlite3_bind_int64(stmt, 4, doc->byte_size);
    sqlite3_bind_int64(stmt, 5, doc->mtime);
    write_text(stmt, 6, doc->title);
    write_text(stmt, 7, sort_key);
    write_text(stmt, 8, doc->source);
    write_text(stmt, 9, doc->url);
    write_text(stmt, 10, doc->published);
    write_text(stmt, 11, doc->published_precision);
    write_text(stmt, 12, doc->byline);
    write_text(stmt, 13, doc->dateline);
    write_text(stmt, 14, doc->language);
    sqlite3_bind_int64(stmt, 15, doc->word_count);
    if (doc->versions > 0)
        sqlite3_bind_int64(stmt, 16, doc->versions);
    else
        sqlite3_bind_null(stmt, 16);
    sqlite3_bind_int64(stmt, 17, doc->invalid_utf8);
    sqlite3_bind_int64(stmt, 18, doc->sentence_count);
    write_text(stmt, 19, doc->meta_json);
    write_text(stmt, 20, doc->paragraphs_json);
    write_text(stmt, 21, doc->removed_json);
    write_text(stmt, 22, doc->related_json);
    write_text(stmt, 23, doc->raw_text);
    write_text(stmt, 24, doc->clean_text);
    rc = write_step(db, stmt, "insert document");
    if (rc == STORE_OK && seq)
        *seq = sqlite3_last_insert_rowid(db->writer->conn);
    free(sort_key);
    return rc;
}

int store_write_entity(struct store_db *db, const struct store_entity_in *e)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer,
        "INSERT INTO entities (id, type, name, name_sort, kb, gender, aliases_json, "
        "aliases_text, roles_json, kb_json, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "coalesce(?7, '[]'), coalesce(?8, ''), coalesce(?9, '[]'), ?10, ?11) "
        "ON CONFLICT(id) DO NOTHING");
    char *sort_key = write_sort_key(e->name);
    int rc;

    if (!stmt || !sort_key) {
        free(sort_key);
        return stmt ? STORE_NOMEM : STORE_ERROR;
    }
    write_text(stmt, 1, e->id);
    write_text(stmt, 2, e->type);
    write_text(stmt, 3, e->name);
    write_text(stmt, 4, sort_key);
    sqlite3_bind_int(stmt, 5, e->kb);
    write_text(stmt, 6, e->gender);
    write_text(stmt, 7, e->aliases_json);
    write_text(stmt, 8, e->aliases_text);
    write_text(stmt, 9, e->roles_json);
    write_text(stmt, 10, e->kb_json);
    write_text(stmt, 11, e->source);
    rc = write_step(db, stmt, "insert entity");
    free(sort_key);
    if (rc != STORE_OK || sqlite3_changes(db->writer->conn) == 0)
        return rc;
    /* The name and every alias, lower-cased, for q= lookups by prefix. */
    stmt = store_stmt(db->writer,
                      "INSERT OR IGNORE INTO entity_aliases (entity_id, alias_lower) "
                      "SELECT ?1, lower(?2) UNION SELECT ?1, lower(value) FROM "
                      "json_each(coalesce(?3, '[]'))");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, e->id);
    write_text(stmt, 2, e->name);
    write_text(stmt, 3, e->aliases_json);
    return write_step(db, stmt, "insert entity aliases");
}

int store_write_mention(struct store_db *db, const struct store_mention_in *m)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO mentions (entity_id, doc_id, doc_seq, start, end, surface, "
                    "sentence, role, role_from, rule, demonym, pos) VALUES (?1, ?2, ?3, ?4, ?5, "
                    "?6, ?7, ?8, ?9, ?10, ?11, ?3 * 4294967296 + ?4)");

    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, m->entity_id);
    write_text(stmt, 2, m->doc_id);
    sqlite3_bind_int64(stmt, 3, m->doc_seq);
    sqlite3_bind_int64(stmt, 4, m->start);
    sqlite3_bind_int64(stmt, 5, m->end);
    write_text(stmt, 6, m->surface);
    sqlite3_bind_int64(stmt, 7, m->sentence);
    write_text(stmt, 8, m->role);
    write_text(stmt, 9, m->role_from);
    write_text(stmt, 10, m->rule);
    sqlite3_bind_int(stmt, 11, m->demonym);
    return write_step(db, stmt, "insert mention");
}

int store_write_statement(struct store_db *db, const struct store_statement_in *s)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer,
        "INSERT INTO statements (id, doc_id, doc_seq, start, end, text, kind, speaker_id, "
        "speaker_name, speaker_role, speaker_description, speaker_start, speaker_end, cue, "
        "cue_start, cue_end, rule, confidence, date, date_precision, date_from, date_key, "
        "confidence_key, pos, paragraph, mentioned_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
        "coalesce(?19, ''), printf('%.6f', ?18), ?3 * 4294967296 + ?4, ?22, "
        "coalesce(?23, '[]'))");

    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, s->id);
    write_text(stmt, 2, s->doc_id);
    sqlite3_bind_int64(stmt, 3, s->doc_seq);
    sqlite3_bind_int64(stmt, 4, s->start);
    sqlite3_bind_int64(stmt, 5, s->end);
    write_text(stmt, 6, s->text);
    write_text(stmt, 7, s->kind);
    write_text(stmt, 8, s->speaker_id);
    write_text(stmt, 9, s->speaker_name);
    write_text(stmt, 10, s->speaker_role);
    write_text(stmt, 11, s->speaker_description);
    if (s->has_speaker_range) {
        sqlite3_bind_int64(stmt, 12, s->speaker_start);
        sqlite3_bind_int64(stmt, 13, s->speaker_end);
    }
    write_text(stmt, 14, s->cue);
    if (s->has_cue_range) {
        sqlite3_bind_int64(stmt, 15, s->cue_start);
        sqlite3_bind_int64(stmt, 16, s->cue_end);
    }
    write_text(stmt, 17, s->rule);
    sqlite3_bind_double(stmt, 18, s->confidence);
    write_text(stmt, 19, s->date);
    write_text(stmt, 20, s->date_precision);
    write_text(stmt, 21, s->date_from);
    sqlite3_bind_int64(stmt, 22, s->paragraph);
    write_text(stmt, 23, s->mentioned_json);
    return write_step(db, stmt, "insert statement");
}

int store_write_statement_entity(struct store_db *db, const char *statement_id,
                                 const char *entity_id)
{
    sqlite3_stmt *stmt = store_stmt(db->writer, "INSERT OR IGNORE INTO statement_entities "
                                                "(statement_id, entity_id) VALUES (?1, ?2)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, statement_id);
    write_text(stmt, 2, entity_id);
    return write_step(db, stmt, "insert statement entity");
}

int store_write_meeting(struct store_db *db, const struct store_meeting_in *m)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO meetings (id, kind, status, date, date_precision, date_key, "
                    "place_id, place_name, venue, registry_id, registry_json, candidates_json, "
                    "label, origin) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?4, ''), ?6, ?7, ?8, "
                    "?9, ?10, coalesce(?11, '[]'), ?12, ?13)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, m->id);
    write_text(stmt, 2, m->kind);
    write_text(stmt, 3, m->status);
    write_text(stmt, 4, m->date);
    write_text(stmt, 5, m->date_precision);
    write_text(stmt, 6, m->place_id);
    write_text(stmt, 7, m->place_name);
    write_text(stmt, 8, m->venue);
    write_text(stmt, 9, m->registry_id);
    write_text(stmt, 10, m->registry_json);
    write_text(stmt, 11, m->candidates_json);
    write_text(stmt, 12, m->label);
    write_text(stmt, 13, m->origin);
    return write_step(db, stmt, "insert meeting");
}

int store_write_participant(struct store_db *db, const struct store_participant_in *p)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO meeting_participants (meeting_id, entity_id, name, role, "
                    "origin, doc_id, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, p->meeting_id);
    write_text(stmt, 2, p->entity_id);
    write_text(stmt, 3, p->name);
    write_text(stmt, 4, p->role);
    write_text(stmt, 5, p->origin);
    write_text(stmt, 6, p->doc_id);
    if (p->doc_id) {
        sqlite3_bind_int64(stmt, 7, p->start);
        sqlite3_bind_int64(stmt, 8, p->end);
    }
    return write_step(db, stmt, "insert participant");
}

int store_write_evidence(struct store_db *db, const struct store_evidence_in *e)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO meeting_evidence (meeting_id, doc_id, field, start, end, text, "
                    "status, date, date_precision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, e->meeting_id);
    write_text(stmt, 2, e->doc_id);
    write_text(stmt, 3, e->field);
    sqlite3_bind_int64(stmt, 4, e->start);
    sqlite3_bind_int64(stmt, 5, e->end);
    write_text(stmt, 6, e->text);
    write_text(stmt, 7, e->status);
    write_text(stmt, 8, e->date);
    write_text(stmt, 9, e->date_precision);
    return write_step(db, stmt, "insert evidence");
}

int store_write_outcome(struct store_db *db, const char *meeting_id, const char *doc_id,
                        int64_t start, int64_t end, const char *text)
{
    sqlite3_stmt *stmt = store_stmt(db->writer, "INSERT INTO meeting_outcomes (meeting_id, "
                                                "doc_id, start, end, text) VALUES (?1, ?2, ?3, "
                                                "?4, ?5)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, meeting_id);
    write_text(stmt, 2, doc_id);
    sqlite3_bind_int64(stmt, 3, start);
    sqlite3_bind_int64(stmt, 4, end);
    write_text(stmt, 5, text);
    return write_step(db, stmt, "insert outcome");
}

int store_write_skip(struct store_db *db, const char *file_name, const char *reason,
                     const char *detail)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO skipped_files (file_name, reason, detail) VALUES (?1, ?2, ?3)");

    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, file_name);
    write_text(stmt, 2, reason);
    write_text(stmt, 3, detail);
    return write_step(db, stmt, "insert skipped file");
}

int store_write_meta(struct store_db *db, const char *key, const char *value)
{
    sqlite3_stmt *stmt =
        store_stmt(db->writer, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");

    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, key);
    write_text(stmt, 2, value);
    return write_step(db, stmt, "insert meta");
}

/* What is derived from the rows once they are all in: one pass of SQL each. */
static const char write_derive_sql[] =
    /* Entity counts, and the dates of the first and last documents naming each entity. */
    "UPDATE entities SET"
    " mention_count = (SELECT count(*) FROM mentions m WHERE m.entity_id = entities.id),"
    " document_count = (SELECT count(DISTINCT doc_id) FROM mentions m"
    "                   WHERE m.entity_id = entities.id),"
    " statement_count = (SELECT count(*) FROM statements s WHERE s.speaker_id = entities.id"
    "                    AND s.kind <> 'term'),"
    " first_seen = (SELECT min(d.published) FROM mentions m JOIN documents d ON d.id = m.doc_id"
    "               WHERE m.entity_id = entities.id),"
    " last_seen = (SELECT max(d.published) FROM mentions m JOIN documents d ON d.id = m.doc_id"
    "              WHERE m.entity_id = entities.id);"
    /* Co-occurrence in both directions: documents shared (a join per document over its
     * distinct entities) and sentences shared (a join per sentence). Never a join over every
     * (entity, sentence) of a document: that grows with the square of a long file's mentions. */
    "INSERT INTO entity_pairs (a, b, sentences, documents, by_sentences, by_documents)"
    " SELECT d.a, d.b, coalesce(s.n, 0), d.n, coalesce(s.n, 0) * 1000000 + d.n,"
    "  d.n * 1000000 + coalesce(s.n, 0) FROM"
    "  (SELECT x.entity_id AS a, y.entity_id AS b, count(*) AS n"
    "   FROM (SELECT DISTINCT entity_id, doc_id FROM mentions) x"
    "   JOIN (SELECT DISTINCT entity_id, doc_id FROM mentions) y"
    "    ON x.doc_id = y.doc_id AND x.entity_id <> y.entity_id"
    "   GROUP BY x.entity_id, y.entity_id) d"
    " LEFT JOIN"
    "  (SELECT x.entity_id AS a, y.entity_id AS b, count(*) AS n"
    "   FROM (SELECT DISTINCT entity_id, doc_id, sentence FROM mentions) x"
    "   JOIN (SELECT DISTINCT entity_id, doc_id, sentence FROM mentions) y"
    "    ON x.doc_id = y.doc_id AND x.sentence = y.sentence AND x.entity_id <> y.entity_id"
    "   GROUP BY x.entity_id, y.entity_id) s"
    " ON s.a = d.a AND s.b = d.b;"
    /* For GET /v1/entities/{id}: the documents naming each entity, keyed in the order the API
     * lists them, and the roles the texts give it (documents in order of first mention). */
    "INSERT INTO entity_documents (entity_id, published, doc_id, mentions)"
    " SELECT m.entity_id, d.published_key, m.doc_id, count(*)"
    " FROM mentions m JOIN documents d ON d.id = m.doc_id GROUP BY m.entity_id, m.doc_id;"
    "INSERT INTO entity_roles (entity_id, role, mentions, first_seen, last_seen, documents_json)"
    " SELECT entity_id, role, count(*), min(published), max(published),"
    "  json_group_array(DISTINCT doc_id)"
    " FROM (SELECT m.entity_id, m.role, m.doc_id, d.published FROM mentions m"
    "  JOIN documents d ON d.id = m.doc_id WHERE m.role_from = 'text' AND m.role IS NOT NULL"
    "  ORDER BY m.entity_id, m.role, m.doc_seq, m.start)"
    " GROUP BY entity_id, role;"
    /* For /v1/timeline: dated items per kind and date (store/meetings.c store_timeline). */
    "INSERT INTO timeline_counts (kind, date, n)"
    " SELECT 'meeting', date, count(*) FROM meetings WHERE date IS NOT NULL GROUP BY date"
    " UNION ALL SELECT 'document', published, count(*) FROM documents"
    "  WHERE published IS NOT NULL GROUP BY published"
    " UNION ALL SELECT 'statement', date, count(*) FROM statements"
    "  WHERE kind <> 'term' AND date IS NOT NULL GROUP BY date;"
    "UPDATE statement_entities SET date_key = s.date_key, kind = s.kind FROM statements s"
    " WHERE s.id = statement_entities.statement_id;"
    "UPDATE meetings SET document_count = (SELECT count(DISTINCT doc_id) FROM meeting_evidence"
    " e WHERE e.meeting_id = meetings.id);"
    /* A statement is tied to the meeting its document reports nearest before it (else nearest
     * after it); mentions of meetings only referenced as past history do not count. */
    "UPDATE statements SET meeting_id = l.meeting_id FROM (SELECT s.id AS sid, e.meeting_id,"
    "  row_number() OVER (PARTITION BY s.id ORDER BY e.start > s.start,"
    "   abs(e.start - s.start), e.meeting_id) AS r"
    "  FROM statements s JOIN meeting_evidence e ON e.doc_id = s.doc_id AND e.field = 'mention'"
    "   AND coalesce(e.status, '') <> 'referenced'"
    "  WHERE s.kind <> 'term') l WHERE l.sid = statements.id AND l.r = 1;"
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');"
    "INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');"
    "INSERT INTO entities_fts(entities_fts) VALUES ('rebuild');";

int store_write_derive(struct store_db *db)
{
    return store_exec(db->writer->conn, write_derive_sql, "derive");
}

/* Flushes the built file to disk before it takes the served name, so that even a power loss
 * after the rename cannot leave a half-written database there (the build runs with
 * synchronous=OFF for speed). */
static int write_sync(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

int store_write_finish(struct store_db *db)
{
    int rc = store_write_meta(db, "complete", "1");

    if (rc == STORE_OK)
        rc = store_exec(db->writer->conn, "COMMIT", "commit ingest");
    if (rc == STORE_OK)
        rc = store_exec(db->writer->conn, "ANALYZE", "analyze");
    if (rc != STORE_OK || !db->build_path)
        return rc;
    if (write_sync(db->build_path) != 0) {
        perror("twoplus: store: flush database");
        return STORE_ERROR;
    }
    /* The new file replaces the old one in a single rename: readers see one or the other. */
    if (rename(db->build_path, db->path) != 0) {
        perror("twoplus: store: rename database into place");
        return STORE_ERROR;
    }
    free(db->build_path);
    db->build_path = NULL;
    {
        /* The rename itself is durable once the folder is. */
        char *dir = strdup(db->path), *slash = dir ? strrchr(dir, '/') : NULL;
        if (dir) {
            if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
            write_sync(slash ? dir : ".");
        }
        free(dir);
    }
    return STORE_OK;
}

int store_write_commit(struct store_db *db)
{
    int rc = store_write_derive(db);
    return rc == STORE_OK ? store_write_finish(db) : rc;
}

int store_write_corpus_file(struct store_db *db, const struct store_corpus_file *file)
{
    sqlite3_stmt *stmt = store_stmt(db->writer, "INSERT OR REPLACE INTO corpus_files (name, "
                                                "size, mtime_ns, ctime_ns) VALUES (?1, ?2, ?3, "
                                                "?4)");
    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, file->name);
    sqlite3_bind_int64(stmt, 2, file->size);
    sqlite3_bind_int64(stmt, 3, file->mtime_ns);
    sqlite3_bind_int64(stmt, 4, file->ctime_ns);
    return write_step(db, stmt, "insert corpus file");
}

int store_write_build_input(struct store_db *db, const char *key, const char *value)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT OR REPLACE INTO build_inputs (key, value) VALUES (?1, ?2)");

    if (!stmt)
        return STORE_ERROR;
    write_text(stmt, 1, key);
    write_text(stmt, 2, value);
    return write_step(db, stmt, "insert build input");
}

/* True when the opened database has table (older files may lack the restart records). */
static int write_has_table(struct store *st, const char *table)
{
    sqlite3_stmt *stmt = store_stmt(st, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                        "name = ?1");
    int found;

    if (!stmt)
        return 0;
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    found = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_reset(stmt);
    return found;
}

void store_corpus_files_free(struct store_corpus_file *files, size_t count)
{
    for (size_t i = 0; files && i < count; i++)
        free((char *)files[i].name);
    free(files);
}

int store_corpus_files(struct store_db *db, struct store_corpus_file **out, size_t *count)
{
    struct store *st = store_reader(db);
    sqlite3_stmt *stmt;
    size_t n = 0, cap = 0;
    struct store_corpus_file *files = NULL;
    int step, oom = 0;

    *out = NULL;
    *count = 0;
    if (!st)
        return STORE_ERROR;
    if (!write_has_table(st, "corpus_files"))
        return STORE_NOTFOUND;
    stmt = store_stmt(st, "SELECT name, size, mtime_ns, ctime_ns FROM corpus_files ORDER BY "
                          "name");
    if (!stmt)
        return STORE_ERROR;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            struct store_corpus_file *grown = realloc(files, ncap * sizeof(*files));
            if (!grown) {
                oom = 1;
                break;
            }
            files = grown;
            cap = ncap;
        }
        files[n] = (struct store_corpus_file){
            .name = store_col_text(stmt, 0, &oom),
            .size = sqlite3_column_int64(stmt, 1),
            .mtime_ns = sqlite3_column_int64(stmt, 2),
            .ctime_ns = sqlite3_column_int64(stmt, 3),
        };
        n++;
        if (oom)
            break;
    }
    sqlite3_reset(stmt);
    if (oom || (step != SQLITE_ROW && step != SQLITE_DONE)) {
        store_corpus_files_free(files, n);
        return oom ? STORE_NOMEM : STORE_ERROR;
    }
    *out = files;
    *count = n;
    return STORE_OK;
}

int store_build_input(struct store_db *db, const char *key, char **value)
{
    struct store *st = store_reader(db);
    sqlite3_stmt *stmt;
    int oom = 0, rc;

    *value = NULL;
    if (!st)
        return STORE_ERROR;
    if (!write_has_table(st, "build_inputs"))
        return STORE_NOTFOUND;
    stmt = store_stmt(st, "SELECT value FROM build_inputs WHERE key = ?1");
    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt) == SQLITE_ROW ? STORE_OK : STORE_NOTFOUND;
    if (rc == STORE_OK)
        *value = store_col_text(stmt, 0, &oom);
    sqlite3_reset(stmt);
    if (rc == STORE_OK && (oom || !*value))
        rc = STORE_NOMEM;
    return rc;
}

int store_db_set_meta(const char *path, const char *const *keys, const char *const *values,
                      size_t n)
{
    sqlite3 *conn = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = STORE_ERROR;

    /* The default rollback journal makes this one transaction atomic on the served file. */
    if (sqlite3_open_v2(path, &conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        store_fail(conn, "open database to update");
        goto out;
    }
    sqlite3_busy_timeout(conn, 5000);
    if (store_exec(conn, "BEGIN IMMEDIATE", "begin update") != STORE_OK)
        goto out;
    if (sqlite3_prepare_v2(conn, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", -1,
                           &stmt, NULL) != SQLITE_OK) {
        store_fail(conn, "update meta");
        goto rollback;
    }
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(stmt, 1, keys[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, values[i], -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE) {
            store_fail(conn, "update meta");
            goto rollback;
        }
        sqlite3_reset(stmt);
    }
    rc = store_exec(conn, "COMMIT", "commit update");
    if (rc == STORE_OK)
        goto out;
rollback:
    sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
    rc = STORE_ERROR;
out:
    sqlite3_finalize(stmt);
    sqlite3_close(conn);
    return rc;
}
