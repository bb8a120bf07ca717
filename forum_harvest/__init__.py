"""forum-harvest: crawl Discuz! forums into clean, queryable records."""
