/* handlers/ui.c: the dashboard (openapi.yaml: /, /ui/{file}): a single page and its assets,
 * compiled into the binary from ui/ by tools/embed.py. `/` answers the page to a browser
 * (Accept names text/html) and the JSON index of the API to everyone else. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handlers/handlers.h"

extern const char index_embed_data[], app_embed_data[], style_embed_data[];
extern const size_t index_embed_size, app_embed_size, style_embed_size;

struct ui_asset {
    const char *name;
    const char *content_type;
    const char *data;
    const size_t *size;
};

static const struct ui_asset ui_assets[] = {
    {"index.html", "text/html; charset=utf-8", index_embed_data, &index_embed_size},
    {"app.js", "text/javascript; charset=utf-8", app_embed_data, &app_embed_size},
    {"style.css", "text/css; charset=utf-8", style_embed_data, &style_embed_size},
};

/* The q of one element of an Accept header, [elem, end): 1 when it has none. */
static double ui_accept_q(const char *elem, const char *end)
{
    for (const char *p = memchr(elem, ';', (size_t)(end - elem)); p && p < end;
         p = memchr(p + 1, ';', (size_t)(end - p - 1))) {
        const char *param = p + 1 + strspn(p + 1, " \t");
        if ((param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
            return strtod(param + 2, NULL);
    }
    return 1;
}

/* True if an element of the Accept header is text/html (any case) with a q above 0: a
 * browser navigating. Wildcard ranges (any type, any text type) do not count: API clients
 * send those. */
static int ui_wants_html(const char *accept)
{
    while (accept && *accept) {
        const char *end = strchr(accept, ',');

        if (!end)
            end = accept + strlen(accept);
        accept += strspn(accept, " \t");
        if (end - accept >= 9 && strncasecmp(accept, "text/html", 9) == 0 &&
            (accept + 9 == end || accept[9] == ';' || accept[9] == ' ' || accept[9] == '\t') &&
            ui_accept_q(accept, end) > 0)
            return 1;
        accept = *end ? end + 1 : NULL;
    }
    return 0;
}

int ui_root(struct api_req *req)
{
    req->vary_accept = 1;
    if (!ui_wants_html(api_header(req, "Accept")))
        return spec_index(req);
    return api_reply_body(req, 200, ui_assets[0].content_type, ui_assets[0].data,
                          *ui_assets[0].size, 1);
}

int ui_asset(struct api_req *req)
{
    const char *name = api_path_arg(req, 0);

    for (size_t i = 0; i < sizeof(ui_assets) / sizeof(ui_assets[0]); i++)
        if (strcmp(name, ui_assets[i].name) == 0)
            return api_reply_body(req, 200, ui_assets[i].content_type, ui_assets[i].data,
                                  *ui_assets[i].size, 1);
    return api_reply_problem(req, 404, "not-found",
                             "no dashboard file named '%s'; see /ui/index.html", name);
}
