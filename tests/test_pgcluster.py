"""The throw-away PostgreSQL cluster the shared-database tests run on starts, answers and has pg_trgm."""

import psycopg
import sqlalchemy


def test_cluster_answers_and_has_trigrams(pg_url):
    engine = sqlalchemy.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        assert conn.execute(sqlalchemy.text("SELECT similarity('垃圾焚烧', '垃圾焚烧厂') > 0.3")).scalar()
    engine.dispose()


def test_each_test_gets_its_own_database(pg_cluster, pg_url):
    other = pg_cluster.new_database()
    assert other != pg_url
    with psycopg.connect(other.replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'").fetchone()[0] == 0
