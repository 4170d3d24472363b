/* store/documents.c: reading documents: one by id, and keyset-paginated lists. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_doc_clear(struct store_doc *doc)
{
    if (!doc)
        return;
    free(doc->id);
    free(doc->file_name);
    free(doc->sha256);
    free(doc->title);
    free(doc->clean_text);
    free(doc->raw_text);
    memset(doc, 0, sizeof(*doc));
}

void store_doc_list_clear(struct store_doc_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        store_doc_clear(&list->docs[i]);
    free(list->docs);
    free(list->next_key);
    memset(list, 0, sizeof(*list));
}

#define DOC_COLUMNS "id, file_name, sha256, title, byte_size, mtime, word_count"

/* Copies the DOC_COLUMNS of the current row. Returns STORE_OK or STORE_NOMEM. */
static int documents_row(sqlite3_stmt *stmt, struct store_doc *doc)
{
    int oom = 0;

    doc->id = store_col_text(stmt, 0, &oom);
    doc->file_name = store_col_text(stmt, 1, &oom);
    doc->sha256 = store_col_text(stmt, 2, &oom);
    doc->title = store_col_text(stmt, 3, &oom);
    doc->byte_size = sqlite3_column_int64(stmt, 4);
    doc->mtime = sqlite3_column_int64(stmt, 5);
    doc->word_count = sqlite3_column_int64(stmt, 6);
    return oom ? STORE_NOMEM : STORE_OK;
}

int store_doc_get(struct store *st, const char *id, int with_raw, struct store_doc *out)
{
    sqlite3_stmt *stmt = store_stmt(
        st, "SELECT " DOC_COLUMNS ", clean_text, raw_text FROM documents WHERE id = ?1");
    int rc, oom = 0;

    memset(out, 0, sizeof(*out));
    if (!stmt)
        return STORE_ERROR;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
        rc = STORE_NOTFOUND;
        goto out;
    }
    if (rc != SQLITE_ROW) {
        rc = store_fail(st->conn, "document get");
        goto out;
    }
    rc = documents_row(stmt, out);
    out->clean_text = store_col_text(stmt, 7, &oom);
    if (with_raw)
        out->raw_text = store_col_text(stmt, 8, &oom);
    if (oom)
        rc = STORE_NOMEM;
out:
    sqlite3_reset(stmt);
    if (rc != STORE_OK)
        store_doc_clear(out);
    return rc;
}

/* The column a sort field orders by; NULL for a field that is not sortable. */
static const char *documents_sort_column(const char *sort)
{
    if (strcmp(sort, "id") == 0)
        return "id";
    if (strcmp(sort, "title") == 0)
        return "title_sort";
    return NULL;
}

int store_doc_list(struct store *st, const struct store_page *page, struct store_doc_list *out)
{
    const char *col = documents_sort_column(page->sort);
    const char *dir = page->desc ? "DESC" : "ASC", *cmp = page->desc ? "<" : ">";
    char sql[512], where[128];
    sqlite3_stmt *stmt;
    size_t cap;
    int rc, step;

    memset(out, 0, sizeof(*out));
    if (!col)
        return STORE_ERROR; /* the handler validates sort against the same list */

    stmt = store_stmt(st, "SELECT count(*) FROM documents");
    if (!stmt)
        return STORE_ERROR;
    if (sqlite3_step(stmt) != SQLITE_ROW)
        return store_fail(st->conn, "document count");
    out->total = sqlite3_column_int64(stmt, 0);
    sqlite3_reset(stmt);

    /* The key of the last row is (col, id): id breaks ties and makes the order total. */
    where[0] = '\0';
    if (page->after_key)
        snprintf(where, sizeof(where), "WHERE (%s, id) %s (?1, ?2)", col, cmp);
    snprintf(sql, sizeof(sql),
             "SELECT " DOC_COLUMNS ", %s FROM documents %s ORDER BY %s %s, id %s LIMIT ?3", col,
             where, col, dir, dir);
    stmt = store_stmt(st, sql);
    if (!stmt)
        return STORE_ERROR;
    if (page->after_key) {
        sqlite3_bind_text(stmt, 1, page->after_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, page->after_id, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(stmt, 3, page->limit + 1); /* one more row tells if there is a next page */
    cap = (size_t)page->limit;
    out->docs = calloc(cap ? cap : 1, sizeof(*out->docs));
    if (!out->docs)
        return STORE_NOMEM;
    rc = STORE_OK;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        int oom = 0;
        if (out->count == cap) {
            out->has_more = 1;
            break;
        }
        rc = documents_row(stmt, &out->docs[out->count]);
        out->count++;
        free(out->next_key);
        out->next_key = store_col_text(stmt, 7, &oom);
        if (rc == STORE_OK && oom)
            rc = STORE_NOMEM;
        if (rc != STORE_OK)
            break;
    }
    if (rc == STORE_OK && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_fail(st->conn, "document list");
    sqlite3_reset(stmt);
    if (rc != STORE_OK)
        store_doc_list_clear(out);
    return rc;
}
