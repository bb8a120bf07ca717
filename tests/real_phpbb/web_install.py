"""phpBB 3.1's web installer (``install/index.php?mode=install``), which 3.1 has instead of a
command-line one, driven as a browser does: each step's form (``#install_install``) sent back
with its hidden fields (the earlier steps' answers) and ours filled in, until the "final" step reports the board installed.
Steps: intro, requirements, database, administrator, config_file, advanced, create_table,
final (``install/install_install.php``)."""

from __future__ import annotations

import html
import re
import urllib.parse
from pathlib import Path

from tests.real_discuz.http_client import BROWSER_UA, Browser
from tests.real_phpbb.front_end import form_action, hidden_fields

MAX_STEPS = 12  # eight steps; a bound should one repeat itself with an error


def web_install(base_url: str, database: Path, admin: tuple[str, str, str]) -> None:
    name, password, email = admin
    ours = {"dbms": "sqlite3", "dbhost": str(database), "dbport": "", "dbname": "", "dbuser": "",
            "dbpasswd": "", "table_prefix": "phpbb_", "default_lang": "en", "admin_name": name,
            "admin_pass1": password, "admin_pass2": password, "board_email": email,
            "email_enable": "0", "smtp_delivery": "0", "cookie_secure": "0", "force_server_vars": "0",
            "server_protocol": "http://", "server_name": "127.0.0.1",
            "server_port": str(urllib.parse.urlsplit(base_url).port), "script_path": "/"}
    browser = Browser(BROWSER_UA)
    page = browser.get(f"{base_url}/install/index.php?mode=install&sub=intro&language=en").text
    for _ in range(MAX_STEPS):
        if "You have successfully installed phpBB" in page:
            return
        fields = hidden_fields(page, "install_install")
        fields.update({key: value for key, value in ours.items() if f'name="{key}"' in page}, submit="Submit")
        page = browser.post(form_action(page, "install_install", f"{base_url}/install"), fields).text
    shown = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    raise RuntimeError(f"phpBB's web installer did not finish: {shown[-1500:]}")
