-- Roles and databases for the Docker stack, the same as deploy/local/postgres.sh provisions:
-- intake, routing and notify (password = role name) each own their database, and only the owner
-- (and dekat_test, the integration tests' role, which may create throwaway databases) may connect.
-- The postgres image runs this once, as the superuser, when its data volume is empty.

CREATE ROLE intake LOGIN PASSWORD 'intake';
CREATE ROLE routing LOGIN PASSWORD 'routing';
CREATE ROLE notify LOGIN PASSWORD 'notify';
CREATE ROLE dekat_test LOGIN PASSWORD 'dekat_test' CREATEDB;

CREATE DATABASE intake OWNER intake;
REVOKE CONNECT, TEMPORARY ON DATABASE intake FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE intake TO intake;
GRANT CONNECT ON DATABASE intake TO dekat_test;

CREATE DATABASE routing OWNER routing;
REVOKE CONNECT, TEMPORARY ON DATABASE routing FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE routing TO routing;
GRANT CONNECT ON DATABASE routing TO dekat_test;

CREATE DATABASE notify OWNER notify;
REVOKE CONNECT, TEMPORARY ON DATABASE notify FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE notify TO notify;
GRANT CONNECT ON DATABASE notify TO dekat_test;
