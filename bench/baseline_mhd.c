/* bench/baseline_mhd.c: the smallest libmicrohttpd servers twoplus is compared with.
 *
 *   baseline_mhd static PORT        one persistent 2 KB JSON response reused for every request
 *   baseline_mhd file PORT FILE     the same with FILE's bytes (twoplus's body of an endpoint:
 *                                   a cached reply compared with a persistent one of its size)
 *   baseline_mhd pk PORT DB         one SQLite primary-key row per request -> 2 KB JSON object
 *   baseline_mhd list PORT DB       twenty SQLite rows per request -> a JSON list
 *   baseline_mhd init DB            creates DB: 1000 rows of 2 KB documents (run once)
 *
 * Same daemon set-up as the notes (shared/notes/libmicrohttpd-and-sqlite.md): epoll, internal
 * polling thread with a pool of 2 threads, the reply queued on the second call of the access
 * handler. The SQLite modes open one read-only connection per pool thread on first use
 * (_Thread_local), prepare their statement once with SQLITE_PREPARE_PERSISTENT and build the
 * body with jansson on every request. Any path is answered (/items/{n} picks the row in pk
 * mode). Prints "listening on PORT" and stops on SIGINT or SIGTERM.
 * Built by bench/all.sh: gcc -O2 baseline_mhd.c -lmicrohttpd -lsqlite3 -ljansson.
 */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <microhttpd.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ROWS = 1000, BODY_BYTES = 2048 };

static const char *db_path;
static struct MHD_Response *static_response;
static volatile sig_atomic_t stop;

static _Thread_local sqlite3 *thread_db;
static _Thread_local sqlite3_stmt *thread_stmt;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* Deterministic filler text of about n bytes, words from a small vocabulary. */
static void filler(char *out, size_t n, unsigned seed)
{
    static const char *const words[] = {"alliance", "security", "ministers", "Tokyo",
        "Washington", "agreement", "Okinawa", "defense", "cooperation", "statement",
        "talks", "region", "forces", "treaty", "officials"};
    size_t len = 0;

    while (len + 16 < n) {
        const char *w = words[seed % (sizeof words / sizeof words[0])];
        seed = seed * 1103515245u + 12345u;
        len += (size_t)snprintf(out + len, n - len, "%s%s", len ? " " : "", w);
    }
    out[len] = '\0';
}

static json_t *row_object(sqlite3_stmt *st)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s}",
                     "id", (json_int_t)sqlite3_column_int64(st, 0),
                     "title", (const char *)sqlite3_column_text(st, 1),
                     "source", (const char *)sqlite3_column_text(st, 2),
                     "published", (const char *)sqlite3_column_text(st, 3),
                     "text", (const char *)sqlite3_column_text(st, 4));
}

static int init_db(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char body[BODY_BYTES];
    int rc;

    unlink(path);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return fprintf(stderr, "baseline_mhd: cannot create %s\n", path), 1;
    rc = sqlite3_exec(db, "CREATE TABLE items(id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
                          " source TEXT NOT NULL, published TEXT NOT NULL, body TEXT NOT NULL,"
                          " excerpt TEXT NOT NULL); BEGIN", NULL, NULL, NULL);
    rc |= sqlite3_prepare_v2(db, "INSERT INTO items VALUES(?, ?, ?, ?, ?, ?)", -1, &st, NULL);
    for (int i = 1; rc == SQLITE_OK && i <= ROWS; i++) {
        char title[96], excerpt[96];
        /* title + source + date + keys + body = about 2 KB of JSON */
        snprintf(title, sizeof title, "Allies review security ties at meeting number %d", i);
        filler(body, BODY_BYTES - 180, (unsigned)i);
        filler(excerpt, 90, (unsigned)i);
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, title, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, "Pacific Ledger", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, "2013-10-03", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, body, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, excerpt, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "baseline_mhd: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}

/* This pool thread's connection and statement, opened on its first request. */
static sqlite3_stmt *thread_statement(int list)
{
    const char *sql = list ? "SELECT id, title, source, published, excerpt FROM items"
                             " WHERE id > ? ORDER BY id LIMIT 20"
                           : "SELECT id, title, source, published, body FROM items WHERE id = ?";

    if (thread_stmt)
        return thread_stmt;
    if (sqlite3_open_v2(db_path, &thread_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        return NULL;
    sqlite3_exec(thread_db, "PRAGMA mmap_size = 67108864", NULL, NULL, NULL);
    if (sqlite3_prepare_v3(thread_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &thread_stmt,
                           NULL) != SQLITE_OK)
        return NULL;
    return thread_stmt;
}

static char *render(int list, const char *url)
{
    sqlite3_stmt *st = thread_statement(list);
    long key = 1;
    json_t *root;
    char *out;

    if (!st)
        return NULL;
    if (strncmp(url, "/items/", 7) == 0)
        key = strtol(url + 7, NULL, 10);
    if (key < 1 || key > ROWS)
        key = 1;
    sqlite3_bind_int64(st, 1, list ? 0 : key);
    if (list) {
        json_t *data = json_array();
        while (sqlite3_step(st) == SQLITE_ROW)
            json_array_append_new(data, row_object(st));
        root = json_pack("{s:o, s:{s:i, s:n, s:i}}", "data", data, "page", "limit", 20,
                         "next_cursor", "total", ROWS);
    } else {
        root = sqlite3_step(st) == SQLITE_ROW ? row_object(st) : NULL;
    }
    sqlite3_reset(st);
    if (!root)
        return NULL;
    out = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return out;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **req_cls)
{
    static int first_call_marker;
    const char *mode = cls;
    struct MHD_Response *r;
    enum MHD_Result ret;
    char *body;

    (void)method, (void)version, (void)upload, (void)upload_size;
    if (*req_cls == NULL) { /* first call: headers only; answer on the second (pitfall 1) */
        *req_cls = &first_call_marker;
        return MHD_YES;
    }
    if (static_response)
        return MHD_queue_response(c, MHD_HTTP_OK, static_response);
    body = render(strcmp(mode, "list") == 0, url);
    if (!body) {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
        ret = MHD_queue_response(c, MHD_HTTP_INTERNAL_SERVER_ERROR, r);
    } else {
        r = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
        ret = MHD_queue_response(c, MHD_HTTP_OK, r);
    }
    MHD_destroy_response(r);
    return ret;
}

int main(int argc, char **argv)
{
    static char static_body[BODY_BYTES + 64];
    struct MHD_Daemon *d;
    struct sigaction sa = {.sa_handler = on_signal};
    const char *mode = argc > 1 ? argv[1] : "";
    int port;

    if (argc == 3 && strcmp(mode, "init") == 0)
        return init_db(argv[2]);
    if (!((argc == 3 && strcmp(mode, "static") == 0) ||
          (argc == 4 && (strcmp(mode, "pk") == 0 || strcmp(mode, "list") == 0 ||
                         strcmp(mode, "file") == 0)))) {
        fprintf(stderr, "usage: baseline_mhd static PORT | file PORT FILE | pk PORT DB | "
                        "list PORT DB | init DB\n");
        return 2;
    }
    port = atoi(argv[2]);
    if (port <= 0 || port > 65535)
        return fprintf(stderr, "baseline_mhd: bad port '%s'\n", argv[2]), 2;
    db_path = argc == 4 && strcmp(mode, "file") != 0 ? argv[3] : NULL;

    if (strcmp(mode, "static") == 0) { /* {"text":"..."} of exactly 2048 bytes */
        char text[BODY_BYTES];
        filler(text, sizeof text, 7);
        snprintf(static_body, sizeof static_body, "{\"id\":1,\"text\":\"%.*s\"}",
                 BODY_BYTES - 18, text);
        static_response = MHD_create_response_from_buffer(strlen(static_body), static_body,
                                                          MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(static_response, MHD_HTTP_HEADER_CONTENT_TYPE,
                                "application/json");
    }
    if (strcmp(mode, "file") == 0) {
        static char file_body[16 << 20];
        FILE *f = fopen(argv[3], "rb");
        size_t n = f ? fread(file_body, 1, sizeof file_body, f) : 0;
        if (!f || ferror(f) || !feof(f))
            return fprintf(stderr, "baseline_mhd: cannot read %s (or above 16 MiB)\n", argv[3]),
                   1;
        fclose(f);
        static_response = MHD_create_response_from_buffer(n, file_body, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(static_response, MHD_HTTP_HEADER_CONTENT_TYPE,
                                "application/json");
    }
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)port, NULL,
                         NULL, on_request, (void *)mode, MHD_OPTION_THREAD_POOL_SIZE, 2u,
                         MHD_OPTION_CONNECTION_LIMIT, 4096u, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                         MHD_OPTION_END);
    if (!d)
        return fprintf(stderr, "baseline_mhd: cannot listen on port %d\n", port), 1;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    printf("listening on %d\n", port);
    fflush(stdout);
    while (!stop)
        pause();
    MHD_stop_daemon(d);
    if (static_response)
        MHD_destroy_response(static_response);
    return 0;
}
