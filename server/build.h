/* server/build.h: an ingest run: corpus folder -> ingest/ pipeline -> a complete database. */
#ifndef TWOPLUS_BUILD_H
#define TWOPLUS_BUILD_H

#include "server/config.h"
#include "store/store.h"

struct srv_build_summary {
    size_t files_seen, files_ingested, files_skipped;
    size_t files_extracted, files_reused; /* ingested = extracted + reused */
    size_t bytes;                         /* of the ingested files */
    double seconds;
};

/* Reads every *.txt of cfg->corpus into a new database (cfg->db, or in memory), extracting on
 * cfg->threads threads; the result does not depend on their number. A file that cannot be used
 * is skipped with a warning on stderr and recorded. When cfg->db already holds a complete
 * database built by this binary from the same corpus files (names, sizes, mtimes, ctimes),
 * reference data and manifest, it is served as it is and nothing is extracted. Progress goes
 * to stderr when it is a terminal; one summary line always. Returns 0 with *out (caller
 * owns, release: store_db_close()), or -1 after printing why (corpus folder unreadable,
 * database not writable, out of memory). */
int srv_build(const struct srv_config *cfg, struct store_db **out,
              struct srv_build_summary *summary);

#endif
