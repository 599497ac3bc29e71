"""Where trustcoach keeps its files: ``TRUSTCOACH_HOME`` or the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from trustcoach.errors import TrustcoachError

HOME_ENV = "TRUSTCOACH_HOME"
PRIVATE_DIR = 0o700


def home_dir() -> Path:
    """The trustcoach home folder (not created here)."""
    configured = os.environ.get(HOME_ENV, "").strip()
    if configured:
        return Path(configured).expanduser().absolute()
    from platformdirs import user_data_path

    return user_data_path("trustcoach", appauthor=False)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents); make it readable by the owner only."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            raise TrustcoachError(
                f"{path} is a symbolic link; trustcoach will not write through it"
            )
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:  # others could look in: take their access away, keep the owner's
            path.chmod(mode & PRIVATE_DIR)
    except PermissionError:
        raise TrustcoachError(
            f"cannot create or use the folder {path}: permission denied; "
            f"set {HOME_ENV} to a folder you own"
        ) from None
    except OSError as exc:
        raise TrustcoachError(
            f"cannot create or use the folder {path}: {exc.strerror}; "
            f"set {HOME_ENV} to a folder you can write"
        ) from None
    return path
