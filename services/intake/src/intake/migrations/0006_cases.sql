-- A request an agency merged into another follows that case: its page and Open311 show the
-- case's status, its reporters are told of the case's changes, its feedback goes to the case.
ALTER TABLE requests ADD COLUMN merged_into uuid REFERENCES requests (id);
