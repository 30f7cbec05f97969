-- Who the citizen is, only for public requests whose citizen consented to share it with the
-- agency that handles it (it follows the request when it is re-routed). Nothing otherwise.
ALTER TABLE requests ADD COLUMN shared_identity jsonb;
