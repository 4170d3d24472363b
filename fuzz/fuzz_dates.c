/* fuzz/fuzz_dates.c: libFuzzer target for date resolution (ingest/dates.c). The first byte
 * picks the document date and the tense, the rest is the text. */
#include "ingest/dates.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dates_anchor[] = {NULL, "2013-10-03", "2013-10", "2013", "1996-02-29",
                                           "0001-01-01", "9999-12-31", "2000-13-40"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest_date_expr *found = NULL;
    size_t count = 0;
    const char *text;
    enum ingest_tense tense;

    if (size < 1)
        return 0;
    text = (const char *)data + 1;
    size--;
    tense = (enum ingest_tense)(data[0] % 3);
    if ((data[0] >> 2) & 1)
        tense = ingest_tense_of(text, size);
    if (ingest_dates_find(text, size, dates_anchor[(data[0] >> 3) % 8], tense, &found, &count) != 0)
        return 0;
    for (size_t i = 0; i < count; i++) {
        const struct ingest_date_expr *d = &found[i];
        size_t vlen = strnlen(d->value, sizeof(d->value));

        if (d->clean.start > d->clean.end || d->clean.end > size || vlen >= sizeof(d->value))
            abort();
        if (vlen != 0 && vlen != 4 && vlen != 7 && vlen != 10)
            abort();
        if (d->kind == NULL)
            abort();
    }
    free(found);
    return 0;
}
