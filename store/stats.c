/* store/stats.c: counts per resource and the facts recorded about the last ingest. */
#include "store/internal.h"

#include <stdlib.h>
#include <string.h>

void store_stats_clear(struct store_stats *stats)
{
    if (!stats)
        return;
    for (size_t i = 0; i < stats->skip_count; i++) {
        free(stats->skips[i].file_name);
        free(stats->skips[i].reason);
        free(stats->skips[i].detail);
    }
    for (size_t i = 0; i < stats->meta_count; i++) {
        free(stats->meta_keys[i]);
        free(stats->meta_values[i]);
    }
    free(stats->skips);
    free(stats->meta_keys);
    free(stats->meta_values);
    memset(stats, 0, sizeof(*stats));
}

static int stats_count(struct store *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);

    if (!stmt)
        return STORE_ERROR;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return store_fail(st->conn, sql);
    *out = sqlite3_column_int64(stmt, 0);
    sqlite3_reset(stmt);
    return STORE_OK;
}

int store_stats_get(struct store *st, struct store_stats *out)
{
    sqlite3_stmt *stmt;
    int64_t meta_count = 0;
    int rc, oom = 0;

    memset(out, 0, sizeof(*out));
    if ((rc = stats_count(st, "SELECT count(*) FROM documents", &out->documents)) ||
        (rc = stats_count(st, "SELECT count(*) FROM entities", &out->entities)) ||
        (rc = stats_count(st, "SELECT count(*) FROM mentions", &out->mentions)) ||
        (rc = stats_count(st, "SELECT count(*) FROM statements WHERE kind <> 'term'",
                          &out->statements)) ||
        (rc = stats_count(st, "SELECT count(*) FROM meetings", &out->meetings)) ||
        (rc = stats_count(st, "SELECT count(*) FROM skipped_files", &out->skipped)) ||
        (rc = stats_count(st, "SELECT count(*) FROM meta", &meta_count)))
        return rc;
    out->skips = calloc((size_t)out->skipped + 1, sizeof(*out->skips));
    out->meta_keys = calloc((size_t)meta_count + 1, sizeof(char *));
    out->meta_values = calloc((size_t)meta_count + 1, sizeof(char *));
    if (!out->skips || !out->meta_keys || !out->meta_values) {
        rc = STORE_NOMEM;
        goto out;
    }
    stmt = store_stmt(st, "SELECT file_name, reason, detail FROM skipped_files ORDER BY rowid");
    if (!stmt) {
        rc = STORE_ERROR;
        goto out;
    }
    while (out->skip_count < (size_t)out->skipped && sqlite3_step(stmt) == SQLITE_ROW) {
        struct store_skip *skip = &out->skips[out->skip_count++];
        skip->file_name = store_col_text(stmt, 0, &oom);
        skip->reason = store_col_text(stmt, 1, &oom);
        skip->detail = store_col_text(stmt, 2, &oom);
    }
    sqlite3_reset(stmt);
    stmt = store_stmt(st, "SELECT key, value FROM meta ORDER BY key");
    if (!stmt) {
        rc = STORE_ERROR;
        goto out;
    }
    while (out->meta_count < (size_t)meta_count && sqlite3_step(stmt) == SQLITE_ROW) {
        out->meta_keys[out->meta_count] = store_col_text(stmt, 0, &oom);
        out->meta_values[out->meta_count] = store_col_text(stmt, 1, &oom);
        out->meta_count++;
    }
    sqlite3_reset(stmt);
    rc = oom ? STORE_NOMEM : STORE_OK;
out:
    if (rc != STORE_OK)
        store_stats_clear(out);
    return rc;
}
