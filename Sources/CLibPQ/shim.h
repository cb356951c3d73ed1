// libpq from the system's libpq-dev (Debian installs it under postgresql/); imported only by CentralPostgres.
#include <postgresql/libpq-fe.h>
