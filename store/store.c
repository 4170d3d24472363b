/* store/store.c: opening databases, per-thread read-only connections and their statement
 * caches, and the helpers the query files share. */
#include "store/internal.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern const char schema_embed_data[];

static atomic_uint store_generation;

const char *store_sqlite_version(void)
{
    return sqlite3_libversion();
}

int store_fail(sqlite3 *conn, const char *what)
{
    int code = conn ? sqlite3_errcode(conn) : SQLITE_ERROR;
    const char *msg = conn ? sqlite3_errmsg(conn) : "no connection";

    /* A client's raw FTS5 query (mode=advanced) that FTS5 refuses is the client's mistake:
     * FTS5 reports those as "fts5: syntax error ...", "unterminated string", "unknown special
     * query: ..." or an unknown column filter. */
    if (code == SQLITE_ERROR &&
        (strncmp(msg, "fts5:", 5) == 0 || strstr(msg, "no such column") ||
         strcmp(msg, "unterminated string") == 0 || strncmp(msg, "unknown special query", 21) == 0))
        return STORE_BADQUERY;
    if (code == SQLITE_INTERRUPT)
        return STORE_TIMEOUT;
    fprintf(stderr, "twoplus: store: %s: %s\n", what, msg);
    return code == SQLITE_NOMEM ? STORE_NOMEM : STORE_ERROR;
}

char *store_col_text(sqlite3_stmt *stmt, int col, int *oom)
{
    const unsigned char *s = sqlite3_column_text(stmt, col);
    char *copy;

    if (!s)
        return NULL;
    copy = strdup((const char *)s);
    if (!copy)
        *oom = 1;
    return copy;
}

static unsigned stmt_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql)
{
    unsigned h = stmt_hash(sql);

    for (unsigned probe = 0; probe < STORE_STMT_PROBE; probe++) {
        struct store_stmt_slot *slot = &st->stmts[(h + probe) % STORE_STMT_CACHE];
        if (slot->sql && strcmp(slot->sql, sql) == 0) {
            sqlite3_reset(slot->stmt);
            sqlite3_clear_bindings(slot->stmt);
            return slot->stmt;
        }
        if (!slot->sql) {
            sqlite3_stmt *stmt = NULL;
            if (sqlite3_prepare_v3(st->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
                SQLITE_OK) {
                store_fail(st->conn, sql);
                return NULL;
            }
            slot->sql = strdup(sql);
            if (!slot->sql) {
                sqlite3_finalize(stmt);
                return NULL;
            }
            slot->stmt = stmt;
            return stmt;
        }
    }
    /* Every probed slot is taken: replace the home slot (queries come in a bounded number of
     * shapes, so this is rare and the statement is simply prepared again next time). */
    {
        struct store_stmt_slot *slot = &st->stmts[h % STORE_STMT_CACHE];
        sqlite3_stmt *stmt = NULL;
        char *copy = strdup(sql);
        if (!copy ||
            sqlite3_prepare_v3(st->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
                SQLITE_OK) {
            free(copy);
            if (stmt)
                sqlite3_finalize(stmt);
            else
                store_fail(st->conn, sql);
            return NULL;
        }
        sqlite3_finalize(slot->stmt);
        free(slot->sql);
        slot->sql = copy;
        slot->stmt = stmt;
        return stmt;
    }
}

static void store_conn_close(struct store *st)
{
    store_memo_free(st);
    for (int i = 0; i < STORE_STMT_CACHE; i++) {
        sqlite3_finalize(st->stmts[i].stmt);
        free(st->stmts[i].sql);
    }
    sqlite3_close(st->conn);
    free(st);
}

int store_exec(sqlite3 *conn, const char *sql, const char *what)
{
    char *msg = NULL;

    if (sqlite3_exec(conn, sql, NULL, NULL, &msg) == SQLITE_OK)
        return STORE_OK;
    fprintf(stderr, "twoplus: store: %s: %s\n", what, msg ? msg : "?");
    sqlite3_free(msg);
    return STORE_ERROR;
}

int store_schema_version(void)
{
    static const char key[] = "PRAGMA user_version = ";
    const char *p = strstr(schema_embed_data, key);

    return p ? atoi(p + sizeof(key) - 1) : -1;
}

static struct store_db *store_db_new(void)
{
    struct store_db *db = calloc(1, sizeof(*db));

    if (!db)
        return NULL;
    pthread_mutex_init(&db->lock, NULL);
    db->generation = atomic_fetch_add(&store_generation, 1) + 1;
    return db;
}

/* Removes "<path>.tmp-<pid>" files that runs killed mid-ingest left behind: those whose
 * process is gone. A build in progress in another live process is left alone. */
static void store_remove_stale_builds(const char *path)
{
    char *dir_name = strdup(path), *slash = dir_name ? strrchr(dir_name, '/') : NULL;
    const char *base = slash ? slash + 1 : path;
    size_t base_len = strlen(base);
    DIR *dir;
    struct dirent *ent;

    if (!dir_name)
        return;
    if (slash)
        *(slash == dir_name ? slash + 1 : slash) = '\0';
    dir = opendir(slash ? dir_name : ".");
    while (dir && (ent = readdir(dir)) != NULL) {
        char *end = NULL, full[4096];
        long pid;

        if (strncmp(ent->d_name, base, base_len) != 0 ||
            strncmp(ent->d_name + base_len, ".tmp-", 5) != 0)
            continue;
        pid = strtol(ent->d_name + base_len + 5, &end, 10);
        if (pid <= 0 || *end || (kill((pid_t)pid, 0) != 0 && errno != ESRCH) ||
            (kill((pid_t)pid, 0) == 0 && pid != (long)getpid()))
            continue;
        snprintf(full, sizeof(full), "%s/%s", slash ? dir_name : ".", ent->d_name);
        unlink(full);
    }
    if (dir)
        closedir(dir);
    free(dir_name);
}

void store_db_abandon_build(const char *path)
{
    static const char *const suffixes[] = {"", "-journal", "-wal", "-shm"};
    char name[4096];

    for (size_t i = 0; path && i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(name, sizeof(name), "%s.tmp-%ld%s", path, (long)getpid(), suffixes[i]);
        unlink(name);
    }
}

int store_db_create(const char *path, struct store_db **out, char *err, size_t err_size)
{
    static atomic_uint mem_seq;
    struct store_db *db = store_db_new();
    const char *open_name;
    int rc = STORE_ERROR;

    *out = NULL;
    if (!db) {
        snprintf(err, err_size, "out of memory");
        return STORE_NOMEM;
    }
    if (path) {
        db->path = strdup(path);
        if (!db->path || asprintf(&db->build_path, "%s.tmp-%ld", path, (long)getpid()) < 0 ||
            asprintf(&db->uri, "file:%s", path) < 0) {
            snprintf(err, err_size, "out of memory");
            goto out;
        }
        store_remove_stale_builds(path); /* also a leftover of a crashed run with our pid */
        open_name = db->build_path;
    } else {
        if (asprintf(&db->uri, "file:/twoplus-%ld-%u?vfs=memdb", (long)getpid(),
                     atomic_fetch_add(&mem_seq, 1)) < 0) {
            snprintf(err, err_size, "out of memory");
            goto out;
        }
        open_name = db->uri;
    }
    db->writer = calloc(1, sizeof(*db->writer));
    if (!db->writer) {
        snprintf(err, err_size, "out of memory");
        goto out;
    }
    db->writer->db = db;
    if (sqlite3_open_v2(open_name, &db->writer->conn,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL) !=
        SQLITE_OK) {
        snprintf(err, err_size, "cannot create database %s: %s", open_name,
                 db->writer->conn ? sqlite3_errmsg(db->writer->conn) : "out of memory");
        goto out;
    }
    if (store_exec(db->writer->conn, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;",
                   "pragmas") ||
        store_exec(db->writer->conn, schema_embed_data, "schema")) {
        snprintf(err, err_size, "cannot initialise database %s", open_name);
        goto out;
    }
    *out = db;
    db = NULL;
    rc = STORE_OK;
out:
    store_db_close(db);
    return rc;
}

int store_db_open(const char *path, struct store_db **out, char *err, size_t err_size)
{
    struct store_db *db = store_db_new();
    struct store *st;
    sqlite3_stmt *stmt = NULL;
    int rc = STORE_ERROR;

    *out = NULL;
    if (!db || !(db->path = strdup(path)) || asprintf(&db->uri, "file:%s", path) < 0) {
        snprintf(err, err_size, "out of memory");
        store_db_close(db);
        return STORE_NOMEM;
    }
    if (access(path, R_OK) != 0) {
        snprintf(err, err_size, "cannot read database %s: %s", path, strerror(errno));
        goto out;
    }
    st = store_reader(db);
    if (!st) {
        snprintf(err, err_size, "cannot open database %s", path);
        goto out;
    }
    /* A database is complete only once store_write_commit() wrote this row. */
    if (sqlite3_prepare_v2(st->conn, "SELECT value FROM meta WHERE key = 'complete'", -1, &stmt,
                           NULL) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
        snprintf(err, err_size, "%s is not a complete twoplus database (run: twoplus ingest)",
                 path);
        rc = STORE_CORRUPT;
        goto out;
    }
    /* A complete database of another schema (an older twoplus) has other tables: serving it
     * would fail query by query. */
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (sqlite3_prepare_v2(st->conn, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW ||
        sqlite3_column_int(stmt, 0) != store_schema_version()) {
        snprintf(err, err_size,
                 "%s was built by another version of twoplus (schema %d, this one reads %d): "
                 "run twoplus ingest again",
                 path, stmt ? sqlite3_column_int(stmt, 0) : -1, store_schema_version());
        rc = STORE_CORRUPT;
        goto out;
    }
    *out = db;
    db = NULL;
    rc = STORE_OK;
out:
    sqlite3_finalize(stmt);
    store_db_close(db);
    return rc;
}

static int64_t store_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* SQLite calls this every few thousand virtual-machine steps: non-zero interrupts the query. */
static int store_progress(void *arg)
{
    const struct store *st = arg;
    return st->deadline_ns && store_now_ns() > st->deadline_ns;
}

void store_set_deadline(struct store *st, int64_t ms)
{
    st->deadline_ns = ms > 0 ? store_now_ns() + ms * 1000000 : 0;
}

struct store_tls {
    struct store_db *db;
    unsigned generation;
    struct store *reader;
};
static _Thread_local struct store_tls store_tls;

struct store *store_reader(struct store_db *db)
{
    struct store *st;

    if (store_tls.db == db && store_tls.generation == db->generation)
        return store_tls.reader;
    st = calloc(1, sizeof(*st));
    if (!st)
        return NULL;
    st->db = db;
    if (sqlite3_open_v2(db->uri, &st->conn,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        store_fail(st->conn, "open reader");
        store_conn_close(st);
        return NULL;
    }
    if (db->path)
        sqlite3_exec(st->conn, "PRAGMA mmap_size=67108864", NULL, NULL, NULL);
    sqlite3_progress_handler(st->conn, 4000, store_progress, st);
    if (store_search_register(st->conn) != STORE_OK) {
        store_conn_close(st);
        return NULL;
    }
    pthread_mutex_lock(&db->lock);
    st->next = db->readers;
    db->readers = st;
    pthread_mutex_unlock(&db->lock);
    store_tls.db = db;
    store_tls.generation = db->generation;
    store_tls.reader = st;
    return st;
}

void store_db_close(struct store_db *db)
{
    if (!db)
        return;
    while (db->readers) {
        struct store *next = db->readers->next;
        store_conn_close(db->readers);
        db->readers = next;
    }
    if (db->writer)
        store_conn_close(db->writer);
    if (db->build_path)
        unlink(db->build_path); /* only still there if the ingest never committed */
    pthread_mutex_destroy(&db->lock);
    free(db->path);
    free(db->build_path);
    free(db->uri);
    free(db);
}
