"""The public figures: pure arithmetic over what the projection counted (`measures`), assembled
into the document the public pages, the JSON and the agencies' console read (`snapshots`)."""
