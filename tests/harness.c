/* tests/harness.c: the real server, spawned and spoken to over HTTP (see harness.h). */
#include "tests/harness.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *harness_binary(void)
{
    const char *bin = getenv("TWOPLUS_BIN");
    return bin && *bin ? bin : "./twoplus";
}

int harness_tmpdir(char *dir, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(dir, size, "%s/twoplus-test-XXXXXX", base && *base ? base : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

int harness_write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char path[512];
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f)
        return -1;
    n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

int harness_start(struct harness_server *srv, const char *const *args)
{
    const char *argv[64];
    int out[2], logfd, nargs = 0;
    char line[256];
    size_t got = 0;
    char dir[128];

    memset(srv, 0, sizeof(*srv));
    if (harness_tmpdir(dir, sizeof(dir)) != 0)
        return -1;
    snprintf(srv->log_path, sizeof(srv->log_path), "%s/server.log", dir);
    argv[nargs++] = harness_binary();
    for (size_t i = 0; args && args[i] && nargs < 60; i++)
        argv[nargs++] = args[i];
    argv[nargs++] = "--listen";
    argv[nargs++] = "127.0.0.1:0";
    argv[nargs] = NULL;
    if (pipe(out) != 0)
        return -1;
    logfd = open(srv->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (logfd < 0)
        return -1;
    srv->pid = fork();
    if (srv->pid < 0)
        return -1;
    if (srv->pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        dup2(logfd, STDERR_FILENO);
        close(out[0]);
        close(out[1]);
        close(logfd);
        execv(argv[0], (char *const *)argv);
        perror("exec twoplus");
        _exit(127);
    }
    close(out[1]);
    close(logfd);
    /* The sanitizer build can take a while to ingest: allow 60 s. */
    while (got < sizeof(line) - 1) {
        struct pollfd pfd = {.fd = out[0], .events = POLLIN};
        ssize_t n;
        if (poll(&pfd, 1, 60000) <= 0)
            break;
        n = read(out[0], line + got, sizeof(line) - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        line[got] = '\0';
        if (strchr(line, '\n'))
            break;
    }
    close(out[0]);
    line[got] = '\0';
    {
        const char *p = strstr(line, "twoplus listening on http://");
        const char *colon = p ? strrchr(line, ':') : NULL;
        if (!p || !colon || sscanf(colon + 1, "%u", &srv->port) != 1) {
            fprintf(stderr, "harness: server did not start; stdout: %s\n", line);
            harness_stop(srv);
            return -1;
        }
    }
    snprintf(srv->base, sizeof(srv->base), "http://127.0.0.1:%u", srv->port);
    return 0;
}

char *harness_log(const struct harness_server *srv)
{
    FILE *f = fopen(srv->log_path, "rb");
    char *buf = NULL;
    size_t cap = 0, len = 0, n;

    if (!f)
        return NULL;
    do {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            buf = realloc(buf, cap);
            if (!buf)
                break;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

int harness_stop(struct harness_server *srv)
{
    int status = 0, rc = -1, reaped = 0;
    char *log;

    if (srv->pid <= 0)
        return -1;
    kill(srv->pid, SIGTERM);
    for (int i = 0; i < 2000; i++) {
        pid_t w = waitpid(srv->pid, &status, WNOHANG);
        if (w == srv->pid) {
            reaped = 1;
            rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            break;
        }
        usleep(10000);
    }
    if (!reaped) {
        kill(srv->pid, SIGKILL);
        waitpid(srv->pid, &status, 0);
        fprintf(stderr, "harness: server did not exit within 20 s of SIGTERM\n");
    } else if (rc != 0) {
        fprintf(stderr, "harness: server exit status %d after SIGTERM\n", rc);
    }
    log = harness_log(srv);
    if (log && rc != 0)
        fprintf(stderr, "---- server stderr ----\n%s\n---- end ----\n", log);
    free(log);
    srv->pid = 0;
    return rc;
}

struct harness_buf {
    char *data;
    size_t len;
};

static size_t harness_collect(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct harness_buf *b = userdata;
    size_t n = size * nmemb;
    char *grown = realloc(b->data, b->len + n + 1);

    if (!grown)
        return 0;
    b->data = grown;
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

int harness_request(const struct harness_server *srv, const char *method, const char *path,
                    const char *const *headers, const char *body, struct harness_resp *out)
{
    CURL *c = curl_easy_init();
    struct curl_slist *hl = NULL;
    struct harness_buf b = {0}, h = {0};
    char *url = NULL;
    CURLcode rc;

    memset(out, 0, sizeof(*out));
    if (!c || asprintf(&url, "%s%s", srv->base, path) < 0) {
        curl_easy_cleanup(c);
        return -1;
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (strcmp(method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    for (size_t i = 0; headers && headers[i]; i++)
        hl = curl_slist_append(hl, headers[i]);
    if (hl)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, harness_collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, harness_collect);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    rc = curl_easy_perform(c);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        out->body = b.data ? b.data : strdup("");
        out->len = b.len;
        out->headers = h.data ? h.data : strdup("");
        if (out->len)
            out->json = json_loadb(out->body, out->len, 0, NULL);
    } else {
        fprintf(stderr, "harness: %s %.120s%s: %s\n", method, path, strlen(path) > 120 ? "..." : "",
                curl_easy_strerror(rc));
        free(b.data);
        free(h.data);
    }
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    free(url);
    return rc == CURLE_OK ? 0 : -1;
}

int harness_get(const struct harness_server *srv, const char *path, struct harness_resp *out)
{
    return harness_request(srv, "GET", path, NULL, NULL, out);
}

void harness_resp_clear(struct harness_resp *resp)
{
    if (!resp)
        return;
    free(resp->body);
    free(resp->headers);
    json_decref(resp->json);
    memset(resp, 0, sizeof(*resp));
}

char *harness_header(const struct harness_resp *resp, const char *name)
{
    size_t nlen = strlen(name);
    const char *line = resp->headers;

    while (line && *line) {
        const char *end = strstr(line, "\r\n");
        size_t llen = end ? (size_t)(end - line) : strlen(line);
        if (llen > nlen && line[nlen] == ':' && strncasecmp(line, name, nlen) == 0) {
            const char *v = line + nlen + 1;
            while (*v == ' ')
                v++;
            return strndup(v, llen - (size_t)(v - line));
        }
        line = end ? end + 2 : NULL;
    }
    return NULL;
}

int harness_run(const char *const *argv, char **output)
{
    int fds[2], status;
    pid_t pid;
    struct harness_buf b = {0};
    char chunk[4096];
    ssize_t n;

    *output = NULL;
    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
        harness_collect(chunk, 1, (size_t)n, &b);
    close(fds[0]);
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    *output = b.data ? b.data : strdup("");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int harness_raw(const struct harness_server *srv, const char *bytes, size_t len, int half_close,
                int timeout_ms, char **reply)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)srv->port)};
    struct harness_buf b = {0};
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    size_t sent = 0;

    *reply = NULL;
    if (fd < 0)
        return -1;
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
        close(fd);
        return -1;
    }
    while (sent < len) {
        ssize_t n = send(fd, bytes + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the server may close early on a bad request: read what it said */
        sent += (size_t)n;
    }
    if (half_close)
        shutdown(fd, SHUT_WR);
    for (;;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        char chunk[4096];
        ssize_t n;
        if (poll(&pfd, 1, timeout_ms) <= 0)
            break;
        n = recv(fd, chunk, sizeof(chunk), 0);
        if (n <= 0)
            break;
        harness_collect(chunk, 1, (size_t)n, &b);
    }
    close(fd);
    *reply = b.data ? b.data : strdup("");
    return 0;
}

int harness_get_json(const struct harness_server *srv, const char *path, long want_status,
                     json_t **json)
{
    struct harness_resp r;
    int rc = 0;

    *json = NULL;
    if (harness_get(srv, path, &r) != 0) {
        fprintf(stderr, "GET %s: no reply\n", path);
        return -1;
    }
    if (r.status != want_status) {
        fprintf(stderr, "GET %s: status %ld, want %ld: %.300s\n", path, r.status, want_status,
                r.body);
        rc = -1;
    }
    *json = json_incref(r.json);
    harness_resp_clear(&r);
    return rc;
}
