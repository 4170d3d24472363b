/* tests/test_cli.c: the command line as an operator meets it: options, exit statuses,
 * environment variables, ingest into a file and serving it read-only, and corpus faults. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/harness.h"
#include "tests/unit.h"

static void test_bad_options(void)
{
    static const char *const cases[][4] = {
        {"--listen", "nonsense", NULL},
        {"--listen", "127.0.0.1:70000", NULL},
        {"--threads", "0", NULL},
        {"--threads", "many", NULL},
        {"--access-log", "maybe", NULL},
        {"--no-such-option", NULL},
        {"frobnicate", NULL},
        {"ingest", NULL}, /* needs --db */
        {"--no-ingest", NULL},
        {"--corpus", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *argv[8] = {harness_binary()};
        char *out = NULL;
        size_t n = 1;
        for (size_t k = 0; cases[i][k]; k++)
            argv[n++] = cases[i][k];
        argv[n] = NULL;
        CHECK(harness_run(argv, &out) == 2);
        /* One line, naming what is wrong. */
        CHECK(out && strncmp(out, "twoplus: ", 9) == 0 && strchr(out, '\n') == strrchr(out, '\n'));
        if (out && cases[i][0][0] == '-' && strcmp(cases[i][0], "--no-ingest") != 0)
            CHECK(strstr(out, cases[i][0]) != NULL);
        free(out);
    }
}

static void test_help_version(void)
{
    const char *help[] = {harness_binary(), "--help", NULL};
    const char *version[] = {harness_binary(), "--version", NULL};
    char *out = NULL;

    CHECK(harness_run(help, &out) == 0 && strstr(out, "--corpus") && strstr(out, "TWOPLUS_DB"));
    free(out);
    CHECK(harness_run(version, &out) == 0 && strncmp(out, "twoplus ", 8) == 0);
    free(out);
}

static void test_missing_corpus(void)
{
    const char *argv[] = {harness_binary(), "--corpus", "/nonexistent/corpus", "--listen",
                          "127.0.0.1:0", NULL};
    char *out = NULL;
    CHECK(harness_run(argv, &out) == 1 && strstr(out, "/nonexistent/corpus"));
    free(out);
}

/* Builds a database file with `twoplus ingest`, then serves it with --no-ingest from the
 * environment variables alone. */
static void test_ingest_then_serve(void)
{
    char dir[128], db[256], *out = NULL;
    struct harness_server srv;
    struct harness_resp r;
    struct stat st;
    const char *ingest[] = {harness_binary(), "ingest", "--corpus", "tests/fixtures/http",
                            "--db", db, NULL};

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    snprintf(db, sizeof(db), "%s/twoplus.db", dir);
    CHECK(harness_run(ingest, &out) == 0);
    free(out);
    CHECK(stat(db, &st) == 0 && st.st_size > 0);

    setenv("TWOPLUS_DB", db, 1);
    setenv("TWOPLUS_NO_INGEST", "1", 1);
    setenv("TWOPLUS_CORPUS", "/nonexistent", 1); /* never read with --no-ingest */
    CHECK(harness_start(&srv, NULL) == 0);
    unsetenv("TWOPLUS_DB");
    unsetenv("TWOPLUS_NO_INGEST");
    unsetenv("TWOPLUS_CORPUS");
    if (srv.pid > 0) {
        CHECK(harness_get(&srv, "/v1/documents", &r) == 0 && r.status == 200);
        CHECK(json_integer_value(json_object_get(json_object_get(r.json, "page"), "total")) == 3);
        harness_resp_clear(&r);
        CHECK(harness_get(&srv, "/v1/stats", &r) == 0 && r.status == 200);
        CHECK_STR(json_string_value(json_object_get(json_object_get(r.json, "server"),
                                                    "database")),
                  "file");
        harness_resp_clear(&r);
        CHECK(harness_stop(&srv) == 0);
    }
}

/* A file that is not a complete database is refused at start with a clear message. */
static void test_refuse_half_built(void)
{
    char dir[128], *out = NULL;
    const char *argv[] = {harness_binary(), "--no-ingest", "--db", NULL, NULL};

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    CHECK(harness_write_file(dir, "half.db", "SQLite format 3\0garbage", 24) == 0);
    {
        char path[256];
        snprintf(path, sizeof(path), "%s/half.db", dir);
        argv[3] = path;
        CHECK(harness_run(argv, &out) == 1 && strstr(out, "not a complete twoplus database"));
        free(out);
    }
}

/* A complete database of another schema (an older twoplus) is refused by --no-ingest with
 * the versions named, not served to fail query by query. */
static void test_refuse_other_schema(void)
{
    char dir[128], path[256], *out = NULL;
    const char *ingest[] = {harness_binary(), "ingest", "--corpus", "corpus", "--db", path, NULL};
    const char *downgrade[] = {"/usr/bin/sqlite3", path, "PRAGMA user_version = 1", NULL};
    const char *serve[] = {harness_binary(), "--no-ingest", "--db", path, NULL};

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    snprintf(path, sizeof(path), "%s/old.db", dir);
    CHECK(harness_run(ingest, &out) == 0);
    free(out);
    CHECK(harness_run(downgrade, &out) == 0);
    free(out);
    CHECK(harness_run(serve, &out) == 1 && strstr(out, "built by another version") &&
          strstr(out, "schema 1"));
    free(out);
}

/* Bad corpus files are skipped with a warning and counted; the server starts anyway. */
static void test_corpus_faults(void)
{
    char dir[128], path[256], sub[256];
    struct harness_server srv;
    struct harness_resp r;
    const char *args[] = {"--corpus", dir, "--max-file-mb", "1", NULL};
    char *big = malloc((2u << 20) + 1);
    json_t *by;
    char *log;

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    CHECK(harness_write_file(dir, "good.txt", "A short but valid text about Okinawa.", 37) == 0);
    CHECK(harness_write_file(dir, "empty.txt", "", 0) == 0);
    CHECK(harness_write_file(dir, "binary.txt", "PK\3\4\0\0binary", 12) == 0);
    CHECK(harness_write_file(dir, "latin1.txt", "Caf\xe9 in Tokyo", 13) == 0);
    CHECK(harness_write_file(dir, "bad name.txt", "text", 4) == 0);
    CHECK(harness_write_file(dir, "notes.md", "ignored: not .txt", 17) == 0);
    if (big) {
        memset(big, 'a', 2u << 20);
        CHECK(harness_write_file(dir, "huge.txt", big, 2u << 20) == 0);
        free(big);
    }
    snprintf(path, sizeof(path), "%s/dangling.txt", dir);
    CHECK(symlink("/nonexistent/target.txt", path) == 0);
    snprintf(path, sizeof(path), "%s/loop.txt", dir);
    CHECK(symlink(path, path) == 0);
    snprintf(sub, sizeof(sub), "%s/folder.txt", dir);
    CHECK(mkdir(sub, 0700) == 0);

    CHECK(harness_start(&srv, args) == 0);
    if (srv.pid <= 0)
        return;
    CHECK(harness_get(&srv, "/v1/stats", &r) == 0 && r.status == 200);
    CHECK(json_integer_value(json_object_get(json_object_get(r.json, "ingest"),
                                             "files_ingested")) == 1);
    CHECK(json_integer_value(json_object_get(json_object_get(r.json, "ingest"),
                                             "files_skipped")) == 8);
    by = json_object_get(json_object_get(r.json, "ingest"), "skipped_by_reason");
    CHECK(json_integer_value(json_object_get(by, "empty")) == 1);
    CHECK(json_integer_value(json_object_get(by, "binary")) == 1);
    CHECK(json_integer_value(json_object_get(by, "not_utf8")) == 1);
    CHECK(json_integer_value(json_object_get(by, "bad_name")) == 1);
    CHECK(json_integer_value(json_object_get(by, "too_large")) == 1);
    CHECK(json_integer_value(json_object_get(by, "unreadable")) == 2);
    CHECK(json_integer_value(json_object_get(by, "not_regular_file")) == 1);
    CHECK(json_array_size(json_object_get(json_object_get(r.json, "ingest"), "skipped")) == 8);
    harness_resp_clear(&r);
    CHECK(harness_get(&srv, "/v1/documents/good", &r) == 0 && r.status == 200);
    harness_resp_clear(&r);
    log = harness_log(&srv);
    CHECK(log && strstr(log, "warning: skipped latin1.txt: not valid UTF-8"));
    free(log);
    CHECK(harness_stop(&srv) == 0);
}

static void test_empty_corpus(void)
{
    char dir[128];
    struct harness_server srv;
    struct harness_resp r;
    const char *args[] = {"--corpus", dir, NULL};

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    CHECK(harness_start(&srv, args) == 0);
    if (srv.pid <= 0)
        return;
    CHECK(harness_get(&srv, "/v1/documents", &r) == 0 && r.status == 200);
    CHECK(json_array_size(json_object_get(r.json, "data")) == 0);
    CHECK(json_is_null(json_object_get(json_object_get(r.json, "page"), "next_cursor")));
    harness_resp_clear(&r);
    CHECK(harness_stop(&srv) == 0);
}

int main(void)
{
    test_bad_options();
    test_help_version();
    test_missing_corpus();
    test_ingest_then_serve();
    test_refuse_half_built();
    test_refuse_other_schema();
    test_corpus_faults();
    test_empty_corpus();
    return unit_done("test_cli");
}
