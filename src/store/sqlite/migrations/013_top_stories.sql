-- The home page's top stories: without this the newest-first walk of
-- articles_visible reads every article's row to find the few flagged
-- (on an archive with none, all of them).
CREATE INDEX articles_top_stories ON articles (published_at DESC, id DESC)
  WHERE top_story = 1 AND status <> 'draft';
