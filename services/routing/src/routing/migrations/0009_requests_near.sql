-- Possible duplicates are the nearest open requests of the same service: found nearest first
-- through a GiST index on the location, so the search reads a handful of rows however many
-- requests came from the same place (a flood reported by a thousand people).
CREATE INDEX requests_near ON requests USING gist (point(long, lat)) WHERE lat IS NOT NULL AND long IS NOT NULL;
