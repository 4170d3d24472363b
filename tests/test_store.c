/* tests/test_store.c: the generic list of store/query.c through the documents list: totals on
 * every page, a first page that holds the whole list, and the memo of totals, which must
 * forget what it counted when the file changes under a reader. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "tests/unit.h"

static int write_doc(struct store_db *db, int n, const char *published)
{
    char id[32], name[32], text[64];
    struct store_doc_in doc = {0};
    int64_t seq = 0;

    snprintf(id, sizeof(id), "doc-%03d", n);
    snprintf(name, sizeof(name), "doc-%03d.txt", n);
    snprintf(text, sizeof(text), "Document number %d of the test.", n);
    doc = (struct store_doc_in){.id = id, .file_name = name, .sha256 = "0", .title = id,
                                .raw_text = text, .clean_text = text, .published = published,
                                .published_precision = "day", .word_count = 6};
    return store_write_doc(db, &doc, &seq);
}

/* One page of documents published from `from` (NULL: all), sorted by published. */
static int list(struct store_db *db, const char *from, const char *after_key,
                const char *after_id, int limit, struct store_list *out)
{
    struct store *st = store_reader(db);
    struct store_doc_query q = {.published_from = from};
    struct store_page page = {.sort = "published", .after_key = after_key,
                              .after_id = after_id, .limit = limit};

    return st ? store_doc_list(st, &q, &page, out) : STORE_ERROR;
}

int main(void)
{
    char path[] = "/tmp/twoplus-test-store-XXXXXX", file[64], err[256] = "";
    struct store_db *db = NULL;
    struct store_list a = {0}, b = {0}, c = {0};
    sqlite3 *other = NULL;
    int fd = mkstemp(path);

    CHECK(fd >= 0);
    if (fd < 0)
        return unit_done("test_store");
    close(fd);
    unlink(path);
    snprintf(file, sizeof(file), "%s.sqlite", path);

    CHECK(store_db_create(file, &db, err, sizeof(err)) == STORE_OK);
    CHECK(store_write_begin(db) == STORE_OK);
    for (int i = 0; i < 7; i++)
        CHECK(write_doc(db, i, i < 5 ? "2013-10-03" : "2001-01-01") == STORE_OK);
    CHECK(store_write_commit(db) == STORE_OK);
    store_db_close(db);
    db = NULL;
    CHECK(store_db_open(file, &db, err, sizeof(err)) == STORE_OK);
    if (!db)
        return unit_done("test_store");

    /* A page shorter than the list: the total is counted. */
    CHECK(list(db, "2005", NULL, NULL, 2, &a) == STORE_OK);
    CHECK(json_array_size(a.items) == 2);
    CHECK(a.has_more);
    CHECK(a.total == 5);
    /* The next page: the same total (from the memo now), the rows after the cursor. */
    CHECK(list(db, "2005", a.next_key, a.next_id, 2, &b) == STORE_OK);
    CHECK(b.total == 5);
    CHECK(json_array_size(b.items) == 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(b.items, 0), "id")), "doc-002");
    /* A first page holding the whole list is its own count. */
    store_list_clear(&c);
    CHECK(list(db, NULL, NULL, NULL, 50, &c) == STORE_OK);
    CHECK(c.total == 7 && !c.has_more && json_array_size(c.items) == 7);
    /* Other values of the same SQL are other keys. */
    store_list_clear(&c);
    CHECK(list(db, "2013-10-04", NULL, NULL, 1, &c) == STORE_OK);
    CHECK(c.total == 0);

    /* Another connection changes the file under the open reader: the remembered total of 5
     * must not be served for it. */
    CHECK(sqlite3_open(file, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "DELETE FROM documents WHERE id = 'doc-004'", NULL, NULL,
                       NULL) == SQLITE_OK);
    sqlite3_close(other);
    store_list_clear(&c);
    CHECK(list(db, "2005", NULL, NULL, 2, &c) == STORE_OK);
    CHECK(c.total == 4);

    store_list_clear(&a);
    store_list_clear(&b);
    store_list_clear(&c);
    store_db_close(db);
    unlink(file);
    return unit_done("test_store");
}
