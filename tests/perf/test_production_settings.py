"""Production serving: the settings `make serve` runs with, static files through WhiteNoise, gunicorn's settings.

Settings are read once per process, so each case imports them in a fresh Python with its own environment.
"""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Set explicitly, so a developer's .env (read without overwriting the environment) changes nothing here.
PRODUCTION_ENV = {
    "REDIS_URL": "",
    "DATABASE_REPLICA_URL": "",
    "AWS_STORAGE_BUCKET_NAME": "",
    "PORTAL_PAGE_CACHE_SECONDS": "300",
    "WHITENOISE_MAX_AGE": "86400",
    "DEBUG": "false",
    "SECRET_KEY": "production-test-key-" + "x" * 40,
    "ALLOWED_HOSTS": "portal.example.vn",
}


def _settings(env, expression):
    """Evaluate `expression` over alliance_portal.settings in a fresh interpreter with only `env` set."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}}
    clean = {k: v for k, v in clean.items() if not k.startswith(("DATABASE", "AWS_", "DJANGO_SETTINGS", "PORTAL_"))}
    clean["DJANGO_SETTINGS_MODULE"] = "alliance_portal.settings"
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"from django.template import engines; print(json.dumps({expression}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_secret_key():
    result = _settings({**PRODUCTION_ENV, "SECRET_KEY": ""}, "1")
    assert "SECRET_KEY" in result["error"]


def test_production_serving_settings():
    result = _settings(
        PRODUCTION_ENV,
        "{'debug': s.DEBUG, 'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'loaders': [type(l).__name__ for l in engines['django'].engine.template_loaders], "
        "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE'], "
        "'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'], 'max_age': s.WHITENOISE_MAX_AGE, "
        "'stream': s.LOGGING['handlers']['console'].get('stream'), 'routers': s.DATABASE_ROUTERS, "
        "'media': s.STORAGES['default']['BACKEND'], 'cache': s.CACHES['default']['BACKEND'], "
        "'page_cache': s.PORTAL_PAGE_CACHE_SECONDS}",
    )
    assert result["debug"] is False
    assert result["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert result["loaders"] == ["Loader"]  # the cached loader wrapping the filesystem and app loaders
    assert result["conn_max_age"] > 0 and result["health"] is True
    assert result["max_age"] >= 3600
    assert result["stream"] == "ext://sys.stdout"
    assert result["routers"] == []  # no replica unless asked for
    assert result["media"] == "django.core.files.storage.FileSystemStorage"
    assert result["cache"].endswith("LocMemCache")
    assert result["page_cache"] > 0


def test_page_cache_is_on_by_default_only_with_redis():
    """Without Redis each worker caches alone and could not invalidate the others: the page cache stays off."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "PORTAL_PAGE_CACHE_SECONDS"}
    assert _settings(env, "s.PORTAL_PAGE_CACHE_SECONDS") == 0
    assert _settings({**env, "REDIS_URL": "redis://cache.internal:6379/1"}, "s.PORTAL_PAGE_CACHE_SECONDS") == 300


def test_cached_template_loader_in_production():
    result = _settings(PRODUCTION_ENV, "type(engines['django'].engine.template_loaders[0]).__module__")
    assert result == "django.template.loaders.cached"


def test_redis_replica_and_object_storage_are_switched_on_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://cache.internal:6379/1",
        "DATABASE_URL": "postgres://portal@db-primary.internal:5432/portal",
        "DATABASE_REPLICA_URL": "postgres://portal@db-replica.internal:5432/portal",
        "AWS_STORAGE_BUCKET_NAME": "portal-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.vn",
    }
    result = _settings(
        env,
        "{'cache': s.CACHES['default'], 'sessions': s.SESSION_ENGINE, 'replica': s.DATABASES['replica']['HOST'], "
        "'primary': s.DATABASES['default']['HOST'], 'routers': s.DATABASE_ROUTERS, 'mw': s.MIDDLEWARE[0], "
        "'media': s.STORAGES['default']['BACKEND'], 'endpoint': s.AWS_S3_ENDPOINT_URL}",
    )
    assert result["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert result["cache"]["LOCATION"] == "redis://cache.internal:6379/1"
    assert result["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert (result["primary"], result["replica"]) == ("db-primary.internal", "db-replica.internal")
    assert result["routers"] == ["alliance_portal.db_router.ReplicaRouter"]
    assert result["mw"] == "alliance_portal.db_router.PrimaryPinningMiddleware"
    assert result["media"] == "storages.backends.s3.S3Storage"
    assert result["endpoint"] == "https://s3.example.vn"


def test_collectstatic_with_vendor_files_and_long_cache_headers(tmp_path):
    """collectstatic (hashed, compressed names) works with the vendor files, and WhiteNoise serves them immutable."""
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path), "SECURE_SSL_REDIRECT": "false"}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "DJANGO_SETTINGS", "REDIS"))}
    run = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "alliance_portal.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["vendor/bootstrap/bootstrap.min.css"]
    assert hashed != "vendor/bootstrap/bootstrap.min.css"
    assert (tmp_path / (hashed + ".gz")).exists()
    result = _settings(
        {**env, "ALLOWED_HOSTS": "testserver"},
        "(lambda c: (lambda r: [r.status_code, r['Cache-Control'], "
        "c.get('/static/vendor/bootstrap/bootstrap.min.css', HTTP_ACCEPT_ENCODING='gzip')['Content-Encoding']])"
        f"(c.get('/static/{hashed}')))(__import__('django.test', fromlist=['Client']).Client())",
    )
    status, cache_control, encoding = result
    assert status == 200
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert encoding == "gzip"


def test_gunicorn_defaults_and_environment(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["workers"] == 2
    assert conf["worker_class"] == "sync"
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["accesslog"] == "-"
    assert conf["wsgi_app"] == "alliance_portal.wsgi:application"
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["workers"], conf["bind"]) == (5, "0.0.0.0:9000")


def test_workers_are_recycled_rarely_and_start_warm(monkeypatch):
    """A worker is replaced after tens of thousands of requests, not every second under load, and the master warms
    up (templates compiled, resolvers built) before it forks, so a new worker's first pages are not slow."""
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["max_requests"] >= 10_000
    assert 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["preload_app"] is True
    assert callable(conf["when_ready"])


def test_warm_up_compiles_the_templates_without_touching_the_database():
    """In a fresh production interpreter: after warm() the cached loader holds the pages' templates, and no database
    connection was opened (one opened in gunicorn's master would be shared by every worker)."""
    result = _settings(
        PRODUCTION_ENV,
        "(lambda w, db: (lambda n: {'n': n, 'cached': sorted(engines['django'].engine.template_loaders[0]"
        ".get_template_cache), 'connected': db.connection.connection is not None})(w.warm()))"
        "(__import__('alliance_portal.warmup', fromlist=['warm']), __import__('django.db', fromlist=['connection']))",
    )
    assert "error" not in result, result
    assert result["n"] >= 30
    for name in ("base.html", "members/organization_list.html", "events/event_detail.html", "home.html"):
        assert name in result["cached"]
    assert result["connected"] is False


def test_log_level_may_be_written_in_lower_case():
    assert _settings({**PRODUCTION_ENV, "LOG_LEVEL": "warning"}, "s.LOGGING['root']['level']") == "WARNING"
