-- Personal data is kept no longer than needed (UU PDP 27/2022; intake.erasure): a request done
-- for DEKAT_ERASE_AFTER_DAYS loses its contacts, photos, reporters' secrets and the citizen's
-- words; `erased_at` says when. A reporter without a secret can no longer act on the request.
ALTER TABLE requests ADD COLUMN erased_at timestamptz;
ALTER TABLE reporters ALTER COLUMN link_token DROP NOT NULL;
CREATE INDEX requests_to_erase ON requests (updated_at)
    WHERE erased_at IS NULL AND status IN ('resolved', 'closed');
