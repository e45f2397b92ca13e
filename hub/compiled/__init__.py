"""The compiled read path: a query the read mapping describes, answered by one SQL
statement per root field that builds the root field's JSON in the database.

``selection`` plans what a selection asks of the mapping; ``statements`` turns a plan
into SQL (``hub.core.json_sql`` holds the dialects' differences); ``plans`` caches both
per document and operation; ``answers`` runs the statements and writes their JSON;
``mixing`` leaves the root fields that do not compile to the resolver tree.
"""
