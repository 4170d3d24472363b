/* store/query.c: the generic list: filters, count, keyset pagination, rows as JSON objects.
 * Every resource's list goes through store_list_run(), so paging behaves the same everywhere. */
#include "store/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_list_clear(struct store_list *list)
{
    if (!list)
        return;
    json_decref(list->items);
    free(list->next_key);
    free(list->next_id);
    memset(list, 0, sizeof(*list));
}

/* Appends cond to the WHERE text, replacing each '?' with the number of the next bind. */
static void query_append(struct store_list_spec *spec, const char *cond, int binds)
{
    size_t len = strlen(spec->where);
    char buf[1024];
    size_t n = 0;
    int next = spec->nbind + 1;

    if (spec->nbind + binds > STORE_MAX_BINDS) {
        spec->overflow = 1;
        return;
    }
    for (const char *p = cond; *p && n + 8 < sizeof(buf); p++) {
        if (*p == '?')
            n += (size_t)snprintf(buf + n, sizeof(buf) - n, "?%d", next);
        else
            buf[n++] = *p;
    }
    buf[n] = '\0';
    if (len + n + 8 >= sizeof(spec->where)) {
        spec->overflow = 1;
        return;
    }
    snprintf(spec->where + len, sizeof(spec->where) - len, "%s(%s)", len ? " AND " : "", buf);
}

void store_where(struct store_list_spec *spec, const char *cond)
{
    query_append(spec, cond, 0);
}

void store_where_text(struct store_list_spec *spec, const char *cond, const char *value)
{
    query_append(spec, cond, 1);
    if (!spec->overflow)
        spec->binds[spec->nbind++] = (struct store_bind){.type = STORE_BIND_TEXT, .text = value};
}

void store_bind_text(struct store_list_spec *spec, const char *value)
{
    if (spec->nbind == STORE_MAX_BINDS) {
        spec->overflow = 1;
        return;
    }
    spec->binds[spec->nbind++] = (struct store_bind){.type = STORE_BIND_TEXT, .text = value};
}

void store_where_int(struct store_list_spec *spec, const char *cond, int64_t value)
{
    query_append(spec, cond, 1);
    if (!spec->overflow)
        spec->binds[spec->nbind++] = (struct store_bind){.type = STORE_BIND_INT, .num = value};
}

void store_bind_all(sqlite3_stmt *stmt, const struct store_list_spec *spec)
{
    for (int i = 0; i < spec->nbind; i++) {
        if (spec->binds[i].type == STORE_BIND_INT)
            sqlite3_bind_int64(stmt, i + 1, spec->binds[i].num);
        else
            sqlite3_bind_text(stmt, i + 1, spec->binds[i].text, -1, SQLITE_STATIC);
    }
}

/* Sets key (a dotted path) in obj to value (stolen). */
static void query_set_path(json_t *obj, const char *key, json_t *value)
{
    const char *dot = strchr(key, '.');

    if (!dot) {
        json_object_set_new(obj, key, value);
        return;
    }
    {
        char head[64];
        size_t n = (size_t)(dot - key);
        json_t *child;
        if (n >= sizeof(head)) {
            json_decref(value);
            return;
        }
        memcpy(head, key, n);
        head[n] = '\0';
        child = json_object_get(obj, head);
        if (!json_is_object(child)) {
            child = json_object();
            json_object_set_new(obj, head, child);
        }
        query_set_path(child, dot + 1, value);
    }
}

/* The length of the longest prefix of s[0..len) that does not end inside a character. */
static size_t query_utf8_prefix(const char *s, size_t len)
{
    size_t i = len, back = 0;

    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
        i--;
        back++;
    }
    if (i > 0 && (unsigned char)s[i - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)s[i - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (back + 1 < need)
            return i - 1; /* the last character is cut: leave it out */
    }
    return len;
}

json_t *store_row_json(sqlite3_stmt *stmt)
{
    json_t *obj = json_object();
    int n = sqlite3_column_count(stmt);

    if (!obj)
        return NULL;
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(stmt, i);
        size_t nlen = strlen(name);
        json_t *v;
        char key[128];

        if (name[0] == '_')
            continue; /* helper columns (sort keys) are not part of the representation */
        switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER: v = json_integer(sqlite3_column_int64(stmt, i)); break;
        case SQLITE_FLOAT: v = json_real(sqlite3_column_double(stmt, i)); break;
        case SQLITE_NULL: v = json_null(); break;
        default: {
            const char *text = (const char *)sqlite3_column_text(stmt, i);
            size_t bytes = (size_t)sqlite3_column_bytes(stmt, i);
            if (nlen > 5 && strcmp(name + nlen - 5, ":json") == 0) {
                v = json_loadb(text, bytes, JSON_DECODE_ANY, NULL);
            } else if (nlen > 8 && strcmp(name + nlen - 8, ":snippet") == 0) {
                /* A window cut by byte offsets: drop the partial characters at its ends. */
                while (bytes && ((unsigned char)*text & 0xC0) == 0x80) {
                    text++;
                    bytes--;
                }
                v = json_stringn(text, query_utf8_prefix(text, bytes));
            } else {
                v = json_stringn_nocheck(text, bytes); /* the store holds UTF-8 */
            }
            if (!v)
                v = json_null();
        }
        }
        if (nlen > 5 && strcmp(name + nlen - 5, ":json") == 0)
            nlen -= 5;
        else if (nlen > 8 && strcmp(name + nlen - 8, ":snippet") == 0)
            nlen -= 8;
        if (nlen >= sizeof(key)) {
            json_decref(v);
            continue;
        }
        memcpy(key, name, nlen);
        key[nlen] = '\0';
        query_set_path(obj, key, v);
    }
    return obj;
}

/* ---- the memo of list totals ----
 * A list's total depends only on its SQL and bound values as long as the data stays the same,
 * and the served data changes only when an ingest commits. Counting is the dear part of a
 * page (every match, where the page reads limit + 1 rows from an index), and paging through
 * a list, or a dashboard showing it again, asks for the same total each time: so each reader
 * connection remembers the totals it counted, keyed by (SQL, values), and forgets them all
 * when SQLite's data version of the file moves. Bounded: MEMO_SLOTS entries and MEMO_BYTES
 * of keys per connection (a full memo starts again empty); a key above MEMO_KEY_MAX bytes is
 * not kept. */

#define MEMO_SLOTS 1024
#define MEMO_PROBE 4
#define MEMO_BYTES (1u << 20)
#define MEMO_KEY_MAX 8192

struct store_memo_entry {
    char *key; /* NULL: empty */
    size_t len;
    int64_t total;
};

struct store_memo {
    unsigned data_version;
    size_t bytes;
    struct store_memo_entry slots[MEMO_SLOTS];
};

static void memo_clear(struct store_memo *memo)
{
    for (size_t i = 0; i < MEMO_SLOTS; i++)
        free(memo->slots[i].key);
    memset(memo->slots, 0, sizeof(memo->slots));
    memo->bytes = 0;
}

void store_memo_free(struct store *st)
{
    if (!st->memo)
        return;
    memo_clear(st->memo);
    free(st->memo);
    st->memo = NULL;
}

/* The memo key of a count: its SQL, then each value with its type and length (a value may hold
 * any byte). malloc'd; NULL when too long or out of memory. */
static char *memo_key(const char *sql, const struct store_list_spec *spec, size_t *len)
{
    char *key = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&key, &n);

    if (!f)
        return NULL;
    fputs(sql, f);
    for (int i = 0; i < spec->nbind; i++) {
        if (spec->binds[i].type == STORE_BIND_INT)
            fprintf(f, "\x1fI%lld", (long long)spec->binds[i].num);
        else
            fprintf(f, "\x1fT%zu:%s", strlen(spec->binds[i].text), spec->binds[i].text);
    }
    if (fclose(f) != 0 || n > MEMO_KEY_MAX) {
        free(key);
        return NULL;
    }
    *len = n;
    return key;
}

static unsigned memo_hash(const char *key, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    return h;
}

/* The memo of st, emptied if the data changed since it was filled; NULL when out of memory. */
static struct store_memo *memo_get(struct store *st)
{
    unsigned version = 0;

    if (sqlite3_file_control(st->conn, "main", SQLITE_FCNTL_DATA_VERSION, &version) !=
        SQLITE_OK) {
        store_memo_free(st); /* the data version is unknown: remember nothing */
        return NULL;
    }
    if (!st->memo) {
        st->memo = calloc(1, sizeof(*st->memo));
        if (!st->memo)
            return NULL;
        st->memo->data_version = version;
    }
    if (st->memo->data_version != version) {
        memo_clear(st->memo);
        st->memo->data_version = version;
    }
    return st->memo;
}

static struct store_memo_entry *memo_find(struct store_memo *memo, const char *key, size_t len)
{
    unsigned h = memo_hash(key, len);

    for (unsigned p = 0; p < MEMO_PROBE; p++) {
        struct store_memo_entry *e = &memo->slots[(h + p) % MEMO_SLOTS];
        if (e->key && e->len == len && memcmp(e->key, key, len) == 0)
            return e;
    }
    return NULL;
}

/* Keeps total under key (taken over: freed here when not kept). */
static void memo_put(struct store_memo *memo, char *key, size_t len, int64_t total)
{
    unsigned h = memo_hash(key, len);
    struct store_memo_entry *e = &memo->slots[h % MEMO_SLOTS];

    if (memo->bytes + len > MEMO_BYTES)
        memo_clear(memo);
    for (unsigned p = 0; p < MEMO_PROBE; p++) {
        struct store_memo_entry *slot = &memo->slots[(h + p) % MEMO_SLOTS];
        if (!slot->key) {
            e = slot;
            break;
        }
    }
    if (e->key) { /* all probed slots taken: replace the first */
        memo->bytes -= e->len;
        free(e->key);
    }
    *e = (struct store_memo_entry){.key = key, .len = len, .total = total};
    memo->bytes += len;
}

/* The number of rows of spec's list: from the memo, else counted (and remembered). */
static int list_count(struct store *st, const struct store_list_spec *spec, int64_t *total)
{
    char *sql = NULL, *key;
    size_t len = 0;
    struct store_memo *memo = memo_get(st);
    struct store_memo_entry *hit;
    sqlite3_stmt *stmt;

    if (asprintf(&sql, "SELECT count(*) FROM %s%s%s", spec->from, *spec->where ? " WHERE " : "",
                 spec->where) < 0)
        return STORE_NOMEM;
    key = memo ? memo_key(sql, spec, &len) : NULL;
    if (key && (hit = memo_find(memo, key, len)) != NULL) {
        *total = hit->total;
        free(key);
        free(sql);
        return STORE_OK;
    }
    stmt = store_stmt(st, sql);
    free(sql);
    if (!stmt) {
        free(key);
        return STORE_ERROR;
    }
    store_bind_all(stmt, spec);
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        free(key);
        return store_fail(st->conn, "list count");
    }
    *total = sqlite3_column_int64(stmt, 0);
    sqlite3_reset(stmt);
    if (key)
        memo_put(memo, key, len, *total);
    return STORE_OK;
}

int store_list_run(struct store *st, const struct store_list_spec *spec,
                   const struct store_page *page, struct store_list *out)
{
    const struct store_sort *sort = NULL;
    const char *dir = page->desc ? "DESC" : "ASC", *cmp = page->desc ? "<" : ">";
    char *sql = NULL;
    sqlite3_stmt *stmt;
    int rc = STORE_OK, step, nb = spec->nbind;

    memset(out, 0, sizeof(*out));
    for (const struct store_sort *s = spec->sorts; s->name; s++)
        if (strcmp(s->name, page->sort) == 0)
            sort = s;
    if (!sort || spec->overflow)
        return STORE_ERROR; /* the handler validates sort against the same list */

    /* The key of a row is (sort expression, id): the id breaks ties, the order is total. */
    {
        char keyset[512] = "";
        if (page->after_key)
            snprintf(keyset, sizeof(keyset), " AND (%s, %s) %s (?%d, ?%d)", sort->expr,
                     spec->id_expr, cmp, nb + 1, nb + 2);
        if (asprintf(&sql,
                     "SELECT %s, %s AS _key, %s AS _id FROM %s WHERE %s%s ORDER BY _key %s, "
                     "_id %s LIMIT ?%d",
                     spec->select, sort->expr, spec->id_expr, spec->from,
                     *spec->where ? spec->where : "1", keyset, dir, dir, nb + 3) < 0)
            return STORE_NOMEM;
    }
    stmt = store_stmt(st, sql);
    free(sql);
    if (!stmt)
        return STORE_ERROR;
    store_bind_all(stmt, spec);
    if (page->after_key) {
        if (sort->numeric == 2)
            sqlite3_bind_double(stmt, nb + 1, strtod(page->after_key, NULL));
        else if (sort->numeric)
            sqlite3_bind_int64(stmt, nb + 1, strtoll(page->after_key, NULL, 10));
        else
            sqlite3_bind_text(stmt, nb + 1, page->after_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, nb + 2, page->after_id, -1, SQLITE_STATIC);
    }
    sqlite3_bind_int(stmt, nb + 3, page->limit + 1); /* one more tells if a next page exists */
    out->items = json_array();
    if (!out->items)
        return STORE_NOMEM;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        json_t *row;
        int ncol = sqlite3_column_count(stmt);
        if (json_array_size(out->items) == (size_t)page->limit) {
            out->has_more = 1;
            break;
        }
        row = store_row_json(stmt);
        if (!row || json_array_append_new(out->items, row) != 0) {
            rc = STORE_NOMEM;
            break;
        }
        free(out->next_key);
        free(out->next_id);
        if (sort->numeric == 2) {
            char num[40];
            snprintf(num, sizeof(num), "%.17g", sqlite3_column_double(stmt, ncol - 2));
            out->next_key = strdup(num);
        } else {
            const char *key = (const char *)sqlite3_column_text(stmt, ncol - 2);
            out->next_key = strdup(key ? key : "");
        }
        out->next_id = strdup((const char *)sqlite3_column_text(stmt, ncol - 1)
                                  ? (const char *)sqlite3_column_text(stmt, ncol - 1)
                                  : "");
        if (!out->next_key || !out->next_id) {
            rc = STORE_NOMEM;
            break;
        }
    }
    if (rc == STORE_OK && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_fail(st->conn, "list");
    sqlite3_reset(stmt);
    /* A first page that holds the whole list is its own count. */
    if (rc == STORE_OK && !page->after_key && !out->has_more)
        out->total = (int64_t)json_array_size(out->items);
    else if (rc == STORE_OK)
        rc = list_count(st, spec, &out->total);
    if (rc != STORE_OK)
        store_list_clear(out);
    return rc;
}

int store_row_run(struct store *st, const char *sql, const struct store_list_spec *binds,
                  json_t **out)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    int rc;

    *out = NULL;
    if (!stmt)
        return STORE_ERROR;
    if (binds)
        store_bind_all(stmt, binds);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        *out = store_row_json(stmt);
        rc = *out ? STORE_OK : STORE_NOMEM;
    } else if (rc == SQLITE_DONE) {
        rc = STORE_NOTFOUND;
    } else {
        rc = store_fail(st->conn, "row");
    }
    sqlite3_reset(stmt);
    return rc;
}

int store_rows_run(struct store *st, const char *sql, const struct store_list_spec *binds,
                   size_t max_rows, json_t **out)
{
    sqlite3_stmt *stmt = store_stmt(st, sql);
    int rc = STORE_OK, step = SQLITE_DONE;

    *out = NULL;
    if (!stmt)
        return STORE_ERROR;
    if (binds)
        store_bind_all(stmt, binds);
    *out = json_array();
    if (!*out)
        return STORE_NOMEM;
    while (json_array_size(*out) < max_rows && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
        json_t *row = store_row_json(stmt);
        if (!row || json_array_append_new(*out, row) != 0) {
            rc = STORE_NOMEM;
            break;
        }
    }
    if (rc == STORE_OK && json_array_size(*out) < max_rows && step != SQLITE_DONE)
        rc = store_fail(st->conn, "rows");
    sqlite3_reset(stmt);
    if (rc != STORE_OK) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int store_attach_rows(struct store *st, json_t *obj, const char *key, const char *sql,
                      const struct store_list_spec *binds, size_t max_rows)
{
    json_t *rows = NULL;
    int rc = store_rows_run(st, sql, binds, max_rows, &rows);

    if (rc == STORE_OK && json_object_set_new(obj, key, rows) != 0)
        rc = STORE_NOMEM;
    return rc;
}
