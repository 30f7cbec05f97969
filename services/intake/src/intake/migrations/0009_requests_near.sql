-- "Is this the same problem?" reads the nearest requests inside a small box through a GiST index
-- on the location: a handful of rows however many requests the service has across the city.
CREATE INDEX requests_near ON requests USING gist (point(long, lat)) WHERE lat IS NOT NULL AND long IS NOT NULL;
