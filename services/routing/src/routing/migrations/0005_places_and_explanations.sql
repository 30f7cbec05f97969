-- The network reaches up to the province; a request may name the area the citizen chose; an
-- address is placed with the network's street list; decisions keep their reasons in every language.
ALTER TABLE areas DROP CONSTRAINT IF EXISTS areas_level_check;
ALTER TABLE areas ADD CONSTRAINT areas_level_check
    CHECK (level IN ('province', 'city', 'kecamatan', 'kelurahan'));
ALTER TABLE network ADD COLUMN streets jsonb NOT NULL DEFAULT '{}';
ALTER TABLE requests ADD COLUMN area_code text;
ALTER TABLE decisions ADD COLUMN explanation jsonb NOT NULL DEFAULT '{}';
ALTER TABLE agencies ADD COLUMN on_call jsonb NOT NULL DEFAULT 'false';
