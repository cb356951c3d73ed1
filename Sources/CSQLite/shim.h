#ifndef DUTYDESK_CSQLITE_SHIM_H
#define DUTYDESK_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Memory statistics (on by default) take a global mutex on
// every SQLite allocation; DutyDesk never reads them. Must run before SQLite initialises: before the first open.
static inline int csqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// Reads the first `n` bytes of a connection's main database file, and its size, through the file SQLite itself
// opened (SQLITE_FCNTL_FILE_POINTER): a second descriptor of the database file, closed afterwards, would drop
// every POSIX lock this process's connections hold on it. `pMethods` are function pointers in a struct, which
// Swift can reach but not call as tidily as this. SQLITE_IOERR_SHORT_READ (buffer zero-filled) when the file is
// shorter than `n`.
static inline int csqlite_read_main_file(sqlite3 *db, void *buffer, int n, sqlite3_int64 *size) {
    sqlite3_file *file = 0;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
    if (rc != SQLITE_OK) return rc;
    if (file == 0 || file->pMethods == 0) return SQLITE_CANTOPEN;
    rc = file->pMethods->xFileSize(file, size);
    if (rc != SQLITE_OK) return rc;
    return file->pMethods->xRead(file, buffer, n, 0);
}
#endif
