/* tests/test_faults.c: a corpus as a careless or hostile file system leaves it. Every bad file
 * (unreadable, empty, binary, each kind of invalid UTF-8, too large, symlink loops, a link to
 * a folder, a FIFO) is skipped with a warning naming it and counted in /v1/stats, and the
 * server starts and serves the good files. A file rewritten while an ingest reads it is either
 * used or skipped, never half-counted, and the next ingest picks up its final text. kill -9 at
 * any moment of an ingest into --db FILE leaves either no database or a complete one: never a
 * half-built one that `serve --no-ingest` would serve.
 * The large file is generated in a temporary folder at test time. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/harness.h"
#include "tests/unit.h"

#define FAULTS_LARGE_BYTES ((size_t)50 << 20)

/* Texts written for this test. */
static const char faults_good[] =
    "Allies review the base plan\n\n"
    "The foreign and defense ministers of both countries met in Tokyo on Tuesday to review the "
    "plan for moving a Marine air station on Okinawa.\n";
static const char faults_bom_crlf[] =
    "\xEF\xBB\xBF"
    "Ministers talk about missile defense\r\n\r\n"
    "Officials said the talks covered radar sites and the sharing of early warning data.\r\n";

static int faults_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700); /* an unreadable file or folder must still go */
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes dir and everything in it (the large file must not outlive the test). */
static void faults_rmtree(const char *dir)
{
    nftw(dir, faults_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static json_int_t faults_int(json_t *obj, const char *key)
{
    return json_integer_value(json_object_get(obj, key));
}

/* Writes a large, valid text of exactly bytes bytes (paragraphs of the good text). */
static int faults_write_large(const char *dir, const char *name, size_t bytes)
{
    char path[512];
    FILE *f;
    size_t written = 0;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f)
        return -1;
    while (written < bytes) {
        size_t n = sizeof(faults_good) - 1;
        if (n > bytes - written)
            n = bytes - written;
        if (fwrite(faults_good, 1, n, f) != n)
            break;
        written += n;
    }
    return fclose(f) == 0 && written == bytes ? 0 : -1;
}

/* True if the stats' skipped list names file with reason. */
static int faults_skipped(json_t *ingest, const char *file, const char *reason)
{
    json_t *skipped = json_object_get(ingest, "skipped"), *s;
    size_t i;

    json_array_foreach(skipped, i, s) {
        const char *f = json_string_value(json_object_get(s, "file"));
        const char *r = json_string_value(json_object_get(s, "reason"));
        if (f && r && !strcmp(f, file) && !strcmp(r, reason))
            return 1;
    }
    return 0;
}

/* Every kind of bad file in one corpus, beside two good ones. */
static void test_bad_files(void)
{
    static const struct {
        const char *name, *bytes, *reason;
        size_t len;
    } bad[] = {
#define FAULTS_BAD(name, bytes, reason) {name, bytes, reason, sizeof(bytes) - 1}
        FAULTS_BAD("empty.txt", "", "empty"),
        FAULTS_BAD("nul-inside.txt", "Talks went on\0 late into the night.", "binary"),
        FAULTS_BAD("gzip.txt", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "binary"),
        FAULTS_BAD("overlong.txt", "A slash \xC0\xAF in text", "not_utf8"),
        FAULTS_BAD("surrogate.txt", "A surrogate \xED\xA0\x80 here", "not_utf8"),
        FAULTS_BAD("past-max.txt", "Past U+10FFFF \xF4\x90\x80\x80 here", "not_utf8"),
        FAULTS_BAD("cut-short.txt", "Ends in the middle of \xE6\x97", "not_utf8"),
        FAULTS_BAD("lone-continuation.txt", "A stray \x80 byte", "not_utf8"),
        FAULTS_BAD("latin1.txt", "Gr\xFC\xDF aus Tokyo", "not_utf8"),
#undef FAULTS_BAD
    };
    char dir[128], path[512], target[512], mb[16], *log = NULL;
    const char *args[] = {"--corpus", dir, "--max-file-mb", mb, NULL};
    struct harness_server srv = {0};
    struct harness_resp r = {0};
    json_t *ingest, *by;
    int as_root = geteuid() == 0, unreadable = 0;
    size_t expect_skipped = 0;

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    snprintf(mb, sizeof(mb), "%zu", (FAULTS_LARGE_BYTES >> 20) / 5); /* 10: below the file */
    CHECK(harness_write_file(dir, "good.txt", faults_good, sizeof(faults_good) - 1) == 0);
    CHECK(harness_write_file(dir, "bom-crlf.txt", faults_bom_crlf, sizeof(faults_bom_crlf) - 1) ==
          0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK(harness_write_file(dir, bad[i].name, bad[i].bytes, bad[i].len) == 0);
        expect_skipped++;
    }
    CHECK(faults_write_large(dir, "large.txt", FAULTS_LARGE_BYTES) == 0);
    expect_skipped++;
    /* A loop of two links, a link to itself, and a link to a folder. */
    snprintf(path, sizeof(path), "%s/loop-a.txt", dir);
    snprintf(target, sizeof(target), "%s/loop-b.txt", dir);
    CHECK(symlink(target, path) == 0 && symlink(path, target) == 0);
    snprintf(path, sizeof(path), "%s/self.txt", dir);
    CHECK(symlink(path, path) == 0);
    snprintf(path, sizeof(path), "%s/folder-link.txt", dir);
    CHECK(symlink("/tmp", path) == 0);
    /* A FIFO: opening it for reading must not wait for a writer that never comes. */
    snprintf(path, sizeof(path), "%s/pipe.txt", dir);
    CHECK(mkfifo(path, 0600) == 0);
    expect_skipped += 5;
    /* chmod 000 keeps no one but root out: as root the check would prove nothing. */
    if (!as_root) {
        CHECK(harness_write_file(dir, "locked.txt", faults_good, sizeof(faults_good) - 1) == 0);
        snprintf(path, sizeof(path), "%s/locked.txt", dir);
        CHECK(chmod(path, 0) == 0);
        unreadable = 1;
        expect_skipped++;
    } else {
        fprintf(stderr, "test_faults: running as root: the chmod 000 check is skipped\n");
    }

    CHECK(harness_start(&srv, args) == 0);
    if (srv.pid <= 0)
        goto out;
    CHECK(harness_get(&srv, "/v1/stats", &r) == 0 && r.status == 200);
    ingest = json_object_get(r.json, "ingest");
    by = json_object_get(ingest, "skipped_by_reason");
    CHECK(faults_int(ingest, "files_ingested") == 2);
    CHECK(faults_int(ingest, "files_skipped") == (json_int_t)expect_skipped);
    CHECK(faults_int(ingest, "files_seen") == (json_int_t)expect_skipped + 2);
    CHECK(json_array_size(json_object_get(ingest, "skipped")) == expect_skipped);
    CHECK(faults_int(by, "empty") == 1);
    CHECK(faults_int(by, "binary") == 2);
    CHECK(faults_int(by, "not_utf8") == 6);
    CHECK(faults_int(by, "too_large") == 1);
    CHECK(faults_int(by, "unreadable") == 3 + unreadable); /* ELOOP x3 (+ EACCES) */
    CHECK(faults_int(by, "not_regular_file") == 2);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK(faults_skipped(ingest, bad[i].name, bad[i].reason));
    CHECK(faults_skipped(ingest, "large.txt", "too_large"));
    CHECK(faults_skipped(ingest, "loop-a.txt", "unreadable"));
    CHECK(faults_skipped(ingest, "self.txt", "unreadable"));
    CHECK(faults_skipped(ingest, "folder-link.txt", "not_regular_file"));
    CHECK(faults_skipped(ingest, "pipe.txt", "not_regular_file"));
    CHECK(!unreadable || faults_skipped(ingest, "locked.txt", "unreadable"));
    harness_resp_clear(&r);

    /* The good files are served; the BOM and CRLFs do not reach the title. */
    CHECK(harness_get(&srv, "/v1/documents/good", &r) == 0 && r.status == 200);
    harness_resp_clear(&r);
    CHECK(harness_get(&srv, "/v1/documents/bom-crlf", &r) == 0 && r.status == 200);
    {
        const char *title = json_string_value(json_object_get(r.json, "title"));
        CHECK(title && !strcmp(title, "Ministers talk about missile defense"));
    }
    harness_resp_clear(&r);
    CHECK(harness_get(&srv, "/v1/documents/large", &r) == 0 && r.status == 404);
    harness_resp_clear(&r);
    CHECK(harness_get(&srv, "/v1/documents?limit=200", &r) == 0 && r.status == 200 &&
          json_array_size(json_object_get(r.json, "data")) == 2);
    harness_resp_clear(&r);

    /* One warning line per skipped file, naming it. */
    log = harness_log(&srv);
    CHECK(log != NULL);
    for (size_t i = 0; log && i < sizeof(bad) / sizeof(bad[0]); i++) {
        char want[128];
        snprintf(want, sizeof(want), "warning: skipped %s: ", bad[i].name);
        CHECK(strstr(log, want) != NULL);
    }
    CHECK(log && strstr(log, "warning: skipped large.txt: "));
    CHECK(log && strstr(log, "warning: skipped pipe.txt: "));
    CHECK(log && strstr(log, "warning: skipped loop-a.txt: "));
    free(log);
    CHECK(harness_stop(&srv) == 0);
out:
    faults_rmtree(dir);
}

/* Copies the good text under n names into dir. */
static int faults_fill(const char *dir, int n)
{
    char name[64];

    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "filler-%04d.txt", i);
        if (harness_write_file(dir, name, faults_good, sizeof(faults_good) - 1) != 0)
            return -1;
    }
    return 0;
}

/* A child that rewrites dir/moving.txt in place (alternating texts of different lengths,
 * truncating between) and deletes and re-creates dir/flicker.txt until it is killed. */
static pid_t faults_start_writer(const char *dir)
{
    pid_t pid = fork();

    if (pid != 0)
        return pid;
    for (unsigned i = 0;; i++) {
        char path[512], text[256];
        int fd, len;
        len = snprintf(text, sizeof(text), "Version %u of a note\n\n%s", i,
                       i % 2 ? "A short body.\n" : "A much longer body that says more about "
                                                   "the talks and the people at them.\n");
        snprintf(path, sizeof(path), "%s/moving.txt", dir);
        fd = open(path, O_WRONLY | O_CREAT, 0644);
        if (fd >= 0) {
            if (ftruncate(fd, 0) != 0 || write(fd, text, (size_t)len) != len)
                _exit(1);
            close(fd);
        }
        snprintf(path, sizeof(path), "%s/flicker.txt", dir);
        if (i % 2)
            unlink(path);
        else
            harness_write_file(dir, "flicker.txt", text, (size_t)len);
    }
}

static int faults_ingest(const char *corpus, const char *db)
{
    const char *argv[] = {harness_binary(), "ingest", "--corpus", corpus, "--db", db,
                          "--threads", "2", NULL};
    char *out = NULL;
    int rc = harness_run(argv, &out);

    if (rc != 0)
        fprintf(stderr, "test_faults: ingest exited %d:\n%s\n", rc, out ? out : "");
    free(out);
    return rc;
}

/* Serves db read-only and fetches /v1/stats. Returns 0 with srv running, or -1. */
static int faults_serve(const char *db, struct harness_server *srv, struct harness_resp *stats)
{
    const char *args[] = {"serve", "--db", db, "--no-ingest", NULL};

    memset(srv, 0, sizeof(*srv));
    if (harness_start(srv, args) != 0)
        return -1;
    return harness_get(srv, "/v1/stats", stats) == 0 && stats->status == 200 ? 0 : -1;
}

/* Files rewritten, deleted and re-created while an ingest reads them. */
static void test_changing_files(void)
{
    char dir[128], corpus[256], db[256], *text = NULL;
    struct harness_server srv = {0};
    struct harness_resp r = {0};
    json_t *ingest;
    pid_t writer;
    int status;

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    snprintf(corpus, sizeof(corpus), "%s/corpus", dir);
    snprintf(db, sizeof(db), "%s/twoplus.db", dir);
    CHECK(mkdir(corpus, 0700) == 0);
    CHECK(faults_fill(corpus, 300) == 0);
    writer = faults_start_writer(corpus);
    CHECK(writer > 0);
    usleep(50000); /* let both files exist before the folder is scanned */
    for (int run = 0; run < 3; run++)
        CHECK(faults_ingest(corpus, db) == 0);
    if (writer > 0) {
        kill(writer, SIGKILL);
        waitpid(writer, &status, 0);
    }
    /* Whatever each file held when it was read: every file seen is counted once. */
    CHECK(faults_serve(db, &srv, &r) == 0);
    ingest = json_object_get(r.json, "ingest");
    CHECK(faults_int(ingest, "files_seen") ==
          faults_int(ingest, "files_ingested") + faults_int(ingest, "files_skipped"));
    CHECK(faults_int(ingest, "files_ingested") >= 300);
    harness_resp_clear(&r);
    CHECK(harness_get(&srv, "/healthz", &r) == 0 && r.status == 200);
    harness_resp_clear(&r);
    if (srv.pid > 0)
        CHECK(harness_stop(&srv) == 0);

    /* Now that the files hold still, the next ingest serves their final text. */
    CHECK(faults_ingest(corpus, db) == 0);
    CHECK(faults_serve(db, &srv, &r) == 0);
    harness_resp_clear(&r);
    {
        char path[512];
        FILE *f;
        long n;
        snprintf(path, sizeof(path), "%s/moving.txt", corpus);
        f = fopen(path, "rb");
        CHECK(f != NULL);
        if (f) {
            if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
                (text = calloc(1, (size_t)n + 1)) != NULL)
                CHECK(fread(text, 1, (size_t)n, f) == (size_t)n);
            fclose(f);
        }
    }
    CHECK(harness_get(&srv, "/v1/documents/moving?include=raw", &r) == 0);
    if (text && strstr(text, "Version")) {
        /* The file as it was last written, byte for byte (the writer ends on a whole version). */
        const char *raw = json_string_value(json_object_get(r.json, "raw_text"));
        CHECK(r.status == 200 && raw && strcmp(raw, text) == 0);
        if (!raw || strcmp(raw, text) != 0)
            fprintf(stderr, "test_faults: served %.60s | file %.60s\n", raw ? raw : "(none)",
                    text);
    }
    harness_resp_clear(&r);
    if (srv.pid > 0)
        CHECK(harness_stop(&srv) == 0);
    free(text);
    faults_rmtree(dir);
}

static int faults_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* kill -9 at several moments of an ingest that replaces a complete database: each time the
 * database served is the previous complete one (2 documents) or the new complete one (every
 * file), never something in between; with no database before, there is none or a complete
 * one. */
static void test_kill_at_any_moment(void)
{
    static const int delays_ms[] = {0, 20, 80, 200, 400, 700};
    char dir[128], small[256], big[256], db[256];
    struct harness_server srv = {0};
    struct harness_resp r = {0};
    int outcome[3] = {0}; /* no database, the previous one, the new one */

    CHECK(harness_tmpdir(dir, sizeof(dir)) == 0);
    snprintf(small, sizeof(small), "%s/small", dir);
    snprintf(big, sizeof(big), "%s/big", dir);
    snprintf(db, sizeof(db), "%s/twoplus.db", dir);
    CHECK(mkdir(small, 0700) == 0 && mkdir(big, 0700) == 0);
    CHECK(faults_fill(big, 400) == 0);
    CHECK(harness_write_file(small, "one.txt", faults_good, sizeof(faults_good) - 1) == 0);
    CHECK(harness_write_file(small, "two.txt", faults_bom_crlf, sizeof(faults_bom_crlf) - 1) ==
          0);

    for (size_t with_old = 0; with_old < 2; with_old++) {
        for (size_t k = 0; k < sizeof(delays_ms) / sizeof(delays_ms[0]); k++) {
            json_int_t docs;
            pid_t pid;
            int status;

            unlink(db);
            if (with_old)
                CHECK(faults_ingest(small, db) == 0);
            pid = fork();
            if (pid == 0) {
                int null = open("/dev/null", O_WRONLY);
                dup2(null, STDOUT_FILENO);
                dup2(null, STDERR_FILENO);
                execl(harness_binary(), harness_binary(), "ingest", "--corpus", big, "--db", db,
                      "--threads", "2", (char *)NULL);
                _exit(127);
            }
            CHECK(pid > 0);
            usleep((useconds_t)delays_ms[k] * 1000);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            if (!with_old && !faults_exists(db)) {
                outcome[0]++; /* killed before the rename: no database, as it should be */
                continue;
            }
            CHECK(faults_serve(db, &srv, &r) == 0);
            docs = json_integer_value(json_object_get(json_object_get(r.json, "counts"),
                                                      "documents"));
            if (docs != (with_old ? 2 : 400) && docs != 400)
                fprintf(stderr, "test_faults: killed after %d ms: %lld documents served\n",
                        delays_ms[k], (long long)docs);
            CHECK(docs == 400 || (with_old && docs == 2));
            outcome[docs == 400 ? 2 : 1]++;
            CHECK(faults_int(json_object_get(r.json, "ingest"), "files_seen") == docs);
            harness_resp_clear(&r);
            if (srv.pid > 0)
                CHECK(harness_stop(&srv) == 0);
        }
    }
    fprintf(stderr, "test_faults: kill -9 outcomes: %d no database, %d previous, %d new\n",
            outcome[0], outcome[1], outcome[2]);
    /* The early kills must have caught builds in progress, or nothing was tested. */
    CHECK(outcome[0] > 0 && outcome[1] > 0);
    faults_rmtree(dir);
}

int main(void)
{
    test_bad_files();
    test_changing_files();
    test_kill_at_any_moment();
    return unit_done("test_faults");
}
