-- The thread browser pages through threads newest (or oldest) first by (created_at, id),
-- filtered by source or by category; these let it walk an index instead of sorting.
CREATE INDEX threads_source_created ON threads(source_id, created_at);
CREATE INDEX threads_category_created ON threads(category, created_at);
-- "Coded" in the browser means a unit of the thread has a coding: looked up per thread.
CREATE INDEX units_by_thread ON units(thread_id);
