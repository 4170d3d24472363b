/* store/write.c: the ingest's side of the store: one write transaction, prepared inserts, and
 * the commit that makes a database complete (and, for a file, renames it into place). */
#include "store/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_write_begin(struct store_db *db)
{
    return store_exec(db->writer->conn, "BEGIN", "begin ingest");
}

static void write_bind_text(sqlite3_stmt *stmt, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(stmt, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, col);
}

/* The sort key for a title: ASCII-lower-cased, so "japan" and "Japan" sort together. */
static char *write_sort_key(const char *title)
{
    char *key = strdup(title ? title : "");

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

int store_write_doc(struct store_db *db, const struct store_doc_in *doc)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO documents (id, file_name, sha256, byte_size, mtime, title, "
                    "title_sort, raw_text, clean_text, word_count) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    char *sort_key = write_sort_key(doc->title);
    int rc;

    if (!stmt || !sort_key) {
        free(sort_key);
        return stmt ? STORE_NOMEM : STORE_ERROR;
    }
    write_bind_text(stmt, 1, doc->id);
    write_bind_text(stmt, 2, doc->file_name);
    write_bind_text(stmt, 3, doc->sha256);
    sqlite3_bind_int64(stmt, 4, doc->byte_size);
    sqlite3_bind_int64(stmt, 5, doc->mtime);
    write_bind_text(stmt, 6, doc->title);
    write_bind_text(stmt, 7, sort_key);
    write_bind_text(stmt, 8, doc->raw_text);
    write_bind_text(stmt, 9, doc->clean_text);
    sqlite3_bind_int64(stmt, 10, doc->word_count);
    rc = write_step(db, stmt, "insert document");
    free(sort_key);
    return rc;
}

int store_write_skip(struct store_db *db, const char *file_name, const char *reason,
                     const char *detail)
{
    sqlite3_stmt *stmt = store_stmt(
        db->writer, "INSERT INTO skipped_files (file_name, reason, detail) VALUES (?1, ?2, ?3)");

    if (!stmt)
        return STORE_ERROR;
    write_bind_text(stmt, 1, file_name);
    write_bind_text(stmt, 2, reason);
    write_bind_text(stmt, 3, detail);
    return write_step(db, stmt, "insert skipped file");
}

int store_write_meta(struct store_db *db, const char *key, const char *value)
{
    sqlite3_stmt *stmt =
        store_stmt(db->writer, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");

    if (!stmt)
        return STORE_ERROR;
    write_bind_text(stmt, 1, key);
    write_bind_text(stmt, 2, value);
    return write_step(db, stmt, "insert meta");
}

int store_write_commit(struct store_db *db)
{
    int rc = store_write_meta(db, "complete", "1");

    if (rc == STORE_OK)
        rc = store_exec(db->writer->conn, "COMMIT", "commit ingest");
    if (rc == STORE_OK)
        rc = store_exec(db->writer->conn, "ANALYZE", "analyze");
    if (rc != STORE_OK || !db->build_path)
        return rc;
    /* The new file replaces the old one in a single rename: readers see one or the other. */
    if (rename(db->build_path, db->path) != 0) {
        perror("twoplus: store: rename database into place");
        return STORE_ERROR;
    }
    free(db->build_path);
    db->build_path = NULL;
    return STORE_OK;
}
