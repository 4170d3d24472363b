/* fuzz/fuzz_fts.c: libFuzzer target for the search-syntax translator (store/fts.c). Its
 * contract is that the FTS5 expression it returns "cannot fail to parse": every translation
 * is run as a MATCH against an in-memory FTS5 table, and a syntax error is a finding. */
#include "store/store.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *fts_db;
static sqlite3_stmt *fts_match;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (sqlite3_open(":memory:", &fts_db) != SQLITE_OK ||
        sqlite3_exec(fts_db,
                     "CREATE VIRTUAL TABLE t USING fts5(title, body, prefix = '2 3', "
                     "tokenize = 'unicode61 remove_diacritics 2');"
                     "INSERT INTO t VALUES('Two-plus-two', 'Futenma relocation talks');",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(fts_db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &fts_match,
                           NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_fts: sqlite setup: %s\n", sqlite3_errmsg(fts_db));
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *query = malloc(size + 1), *expr = NULL, err[256];
    int rc;

    if (!query)
        return 0;
    memcpy(query, data, size);
    query[size] = '\0';
    if (store_fts_translate(query, &expr, err, sizeof(err)) == 0) {
        if (!expr)
            abort();
        sqlite3_bind_text(fts_match, 1, expr, -1, SQLITE_STATIC);
        rc = sqlite3_step(fts_match);
        if (rc != SQLITE_ROW) {
            fprintf(stderr, "fuzz_fts: query %s -> MATCH %s: %s\n", query, expr,
                    sqlite3_errmsg(fts_db));
            abort();
        }
        sqlite3_reset(fts_match);
        sqlite3_clear_bindings(fts_match);
    } else if (err[0] == '\0') {
        abort(); /* a refusal always says why */
    }
    free(expr);
    free(query);
    return 0;
}
