"""The public information centre (`/publik`, `/public`), its JSON (`/v1/public/...`) and the open
data (`/open-data/...`): all read from the published figures and the projection, never a person."""
