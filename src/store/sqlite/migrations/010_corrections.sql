-- /corrections/ lists corrected articles by when they last changed (the
-- correction's time as far as lede knows it), newest first.
CREATE INDEX articles_corrected ON articles (COALESCE(updated_at, published_at) DESC, id DESC)
  WHERE correction <> '' AND status <> 'draft';
