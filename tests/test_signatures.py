"""Signed content packs: only a pack signed by a trusted publisher is ever shown, its
signature works both ways with the standard minisign tool, and no pack can take the
guide back to older content."""

import base64
import json
import os
import shutil
import subprocess

import pytest

from desktop.content import trust
from desktop.content.minisign import SecretKey, display_id
from desktop.content.packs import BUNDLED, install_pack, open_content, remove_pack
from desktop.content.publishing import pack_claim
from desktop.content.trust import (
    ANOTHER_FILE,
    BAD_SIGNATURE,
    OLDER,
    UNSIGNED,
    UNTRUSTED_KEY,
    PackClaim,
    Trust,
    machine_content_folders,
    machine_key_folder,
    signature_path,
)
from desktop.paths import DEFAULT_DATABASE
from devtools.faults import copy_bundled
from devtools.repo import ROOT
from devtools.signing import new_key_pair, sign, trusted_publisher
from devtools.synthetic import make_pack

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(MINISIGN is None, reason="minisign is not installed "
                                    "(make test installs it: apt-get install minisign)")


@pytest.fixture
def pack(tmp_path, content_copy):
    """A pack newer than the bundled content, built by the real builder and signed."""
    return make_pack(tmp_path, content_copy, "2099.1.1")


def verify(capsys, pack, *options):
    from desktop.cli import main

    code = main(["pack", "verify", str(pack), "--json", *options])
    return code, json.loads(capsys.readouterr().out)


def refusal(pack, trust_=trust.SIGNED_ONLY):
    content = open_content(None, [pack.parent], trust=trust_)
    content.database.close()
    assert content.origin == BUNDLED, "the pack was used"
    [(path, reason)] = content.refused
    assert path == pack
    return reason


# Accepted -------------------------------------------------------------------------------


def test_a_signed_pack_loads_and_names_its_signer(pack):
    content = open_content(None, [pack.parent])
    assert content.version == "2099.1.1" and content.refused == []
    assert not content.unverified
    assert content.signed.key_source.endswith("publisher.pub")
    assert content.signed.claim.drugs == ("baclofen", "tizanidine")
    content.database.close()


def test_verify_json_for_a_valid_pack(capsys, pack):
    code, report = verify(capsys, pack)
    assert code == 0
    assert report == {"path": str(pack), "valid": True, "reason": None,
                      "key_id": display_id(SecretKey.from_file(trusted_publisher()[0]).key_id),
                      "content_version": "2099.1.1", "drugs": ["baclofen", "tizanidine"]}


def test_the_bundled_database_needs_no_signature():
    content = open_content(DEFAULT_DATABASE)
    assert content.signed is None and not content.unverified
    content.database.close()


# Refused: the reasons the issue names ----------------------------------------------------


def test_a_changed_byte_is_refused(pack):
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0x01
    pack.write_bytes(bytes(data))
    assert refusal(pack).startswith(f"{ANOTHER_FILE}: ")


def test_a_truncated_signature_is_refused(pack):
    signature = signature_path(pack)
    signature.write_text(signature.read_text()[:150])
    assert refusal(pack).startswith(f"{BAD_SIGNATURE}: ")


def test_a_changed_trusted_comment_is_refused(pack):
    signature = signature_path(pack)
    signature.write_text(signature.read_text().replace("2099.1.1", "2099.9.9"))
    assert refusal(pack).startswith(f"{BAD_SIGNATURE}: ")


def test_the_wrong_key_is_refused(tmp_path, pack):
    stranger, _ = new_key_pair(tmp_path, "stranger")
    sign(pack, stranger)
    reason = refusal(pack)
    assert reason.startswith(f"{UNTRUSTED_KEY}: ") and "not a trusted publisher key" in reason


def test_an_unsigned_pack_is_refused(pack):
    signature_path(pack).unlink()
    assert refusal(pack).startswith(f"{UNSIGNED}: ")


def test_one_files_signature_on_another_is_refused(tmp_path, pack, content_copy):
    other = make_pack(tmp_path / "other", content_copy, "2099.1.2")
    shutil.copyfile(signature_path(other), signature_path(pack))
    assert refusal(pack).startswith(f"{ANOTHER_FILE}: ")


def test_a_claim_that_does_not_match_the_files_meta_is_refused(pack):
    """Even the publisher's own key cannot vouch for a version the file does not hold."""
    claim = pack_claim(pack)
    wrong = PackClaim("2199.1.1", claim.drugs, claim.size, claim.blake2b)
    key = SecretKey.from_file(trusted_publisher()[0])
    signature_path(pack).write_text(
        key.sign(bytes.fromhex(wrong.blake2b), wrong.to_comment()).to_text())
    reason = refusal(pack)
    assert reason.startswith(f"{BAD_SIGNATURE}: ") and "signature says 2199.1.1" in reason


def test_a_legacy_signature_is_refused(pack):
    signature = signature_path(pack)
    lines = signature.read_text().splitlines()
    lines[1] = "RWQ" + lines[1][3:]  # "ED" (prehashed) becomes "Ed" (legacy)
    signature.write_text("\n".join(lines) + "\n")
    assert "legacy" in refusal(pack)


def test_verify_exits_2_with_the_reason(capsys, pack):
    signature_path(pack).unlink()
    code, report = verify(capsys, pack)
    assert code == 2 and report["valid"] is False and report["reason"].startswith(UNSIGNED)
    assert report["key_id"] is None and report["drugs"] is None

    from desktop.cli import main

    assert main(["pack", "verify", str(pack)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("drug-guide: refused: unsigned")


# Trusted keys -----------------------------------------------------------------------------


def test_a_key_in_any_per_user_folder_is_ignored(tmp_path, pack, private_home):
    """A user can write their own folders and environment, so neither can add a key."""
    (tmp_path / "keys").mkdir()
    stranger, public = new_key_pair(tmp_path / "keys", "stranger")
    sign(pack, stranger)
    for folder in (".local/share/DrugGuide/Drug Guide", ".local/share/DrugGuide/Drug Guide/content",
                   ".config/DrugGuide", "machine-share/DrugGuide/Drug Guide/trusted-keys",
                   "machine-config/DrugGuide/trusted-keys", ".local/share/drug-guide/trusted-keys"):
        (private_home / folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(public, private_home / folder / "stranger.pub")
    shutil.copyfile(public, pack.parent / "stranger.pub")
    assert refusal(pack).startswith(f"{UNTRUSTED_KEY}: ")


def test_a_machine_key_folder_others_can_write_is_ignored(tmp_path, pack, machine_keys):
    machine_keys.chmod(0o777)
    reason = refusal(pack)
    assert reason.startswith(f"{UNTRUSTED_KEY}: ")
    assert "can be changed by someone other than an administrator" in reason


def test_a_machine_key_owned_by_a_user_is_ignored(pack, monkeypatch):
    monkeypatch.setattr(trust, "ADMIN_UID", 12345)
    assert refusal(pack).startswith(f"{UNTRUSTED_KEY}: ")


def test_the_machine_key_folder_is_fixed_per_os(monkeypatch):
    for platform, folder in (("linux", "/etc/drug-guide/trusted-keys"),
                             ("win32", r"C:\ProgramData\DrugGuide\trusted-keys"),
                             ("darwin", "/Library/Application Support/DrugGuide/trusted-keys")):
        monkeypatch.setattr(trust.sys, "platform", platform)
        assert str(machine_key_folder()) == folder  # not the tests' stand-in


def test_a_parent_of_the_machine_key_folder_others_can_write_is_ignored(tmp_path, pack,
                                                                       monkeypatch):
    folder = tmp_path / "etc" / "trusted-keys"
    folder.mkdir(parents=True)
    shutil.copyfile(trusted_publisher()[1], folder / "publisher.pub")
    monkeypatch.setattr(trust, "machine_key_folder", lambda: folder)
    assert open_content(pack).version == "2099.1.1"
    folder.parent.chmod(0o777)  # anyone could put another trusted-keys folder in its place
    why = refusal(pack)
    assert why.startswith(f"{UNTRUSTED_KEY}: ") and f"{folder.parent} can be changed" in why


def test_the_machine_content_folders_are_fixed_per_os(monkeypatch):
    from desktop.locations import content_folders

    monkeypatch.setenv("XDG_DATA_DIRS", "/nonexistent")  # once hid the machine packs
    assert content_folders()[1:] == trust.machine_content_folders()
    for platform, folder in (("linux", "/usr/local/share"), ("win32", r"C:\ProgramData"),
                             ("darwin", "/Library/Application Support")):
        monkeypatch.setattr(trust.sys, "platform", platform)
        first = str(machine_content_folders()[0])  # not the tests' stand-in
        assert first.startswith(folder) and first.endswith("content")


@pytest.mark.parametrize("loose", [lambda folder: folder, lambda folder: folder.parent])
def test_a_machine_content_folder_others_can_change_is_not_used(pack, machine_content, loose):
    machine_content.mkdir(parents=True)
    for path in (pack, signature_path(pack)):
        path.rename(machine_content / path.name)
    loose(machine_content).chmod(0o777)
    content = open_content(None, [machine_content])
    content.database.close()
    [(path, why)] = content.refused
    assert content.origin == BUNDLED and path == machine_content
    assert "machine content folder not used" in why and "can be changed by someone" in why


def test_a_key_embedded_in_the_build_is_trusted(tmp_path, pack, monkeypatch, machine_keys):
    embedded = tmp_path / "publisher-keys"
    embedded.mkdir()
    (machine_keys / "publisher.pub").rename(embedded / "publisher.pub")
    assert refusal(pack).startswith(f"{UNTRUSTED_KEY}: ")
    monkeypatch.setattr(trust, "EMBEDDED_KEYS", embedded)
    content = open_content(None, [pack.parent])
    assert content.version == "2099.1.1"
    content.database.close()


def test_trusted_key_option_adds_a_key(capsys, tmp_path, pack):
    stranger, public = new_key_pair(tmp_path, "stranger")
    sign(pack, stranger)
    assert verify(capsys, pack)[0] == 2
    code, report = verify(capsys, pack, "--trusted-key", str(public))
    assert code == 0 and report["valid"]


def test_a_broken_trusted_key_option_is_an_error(capsys, tmp_path, pack):
    (tmp_path / "bad.pub").write_text("not a key")
    code, report = verify(capsys, pack, "--trusted-key", str(tmp_path / "bad.pub"))
    assert code == 2 and "Cannot use the trusted key" in report["reason"]


def test_two_trusted_keys_with_one_key_id_are_each_tried(capsys, tmp_path, pack):
    """A key id is 8 bytes anyone can copy: a look-alike key tried first hides nothing."""
    from desktop.content.minisign import PublicKey

    publisher = PublicKey.from_file(trusted_publisher()[1])
    look_alike = tmp_path / "look-alike.pub"
    look_alike.write_text(SecretKey(publisher.key_id, bytes(32)).public_key().to_text())
    code, report = verify(capsys, pack, "--trusted-key", str(look_alike))
    assert code == 0 and report["key_id"] == display_id(publisher.key_id)


# Hostile files: nothing blocks, nothing is read before it must be -------------------------


def _fifo(path):
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def test_a_fifo_as_signature_is_refused_without_blocking(pack):
    _fifo(signature_path(pack))
    assert refusal(pack).startswith(f"{BAD_SIGNATURE}: ") and "not a regular file" in refusal(pack)


def test_a_fifo_as_trusted_key_is_an_error_without_blocking(capsys, tmp_path, pack):
    code, report = verify(capsys, pack, "--trusted-key", str(_fifo(tmp_path / "fifo.pub")))
    assert code == 2 and "not a regular file" in report["reason"]


def test_a_fifo_as_machine_key_is_ignored_without_blocking(pack, machine_keys):
    _fifo(machine_keys / "publisher.pub")
    why = refusal(pack)
    assert why.startswith(f"{UNTRUSTED_KEY}: ") and "not a regular file" in why


@pytest.mark.parametrize("command", [["search", "dose", "--db"], ["pack", "verify"]])
def test_a_symlink_loop_is_one_line(capsys, tmp_path, command):
    from desktop.cli import main

    loop = tmp_path / "loop.sqlite3"
    loop.symlink_to(loop)
    assert main([*command, str(loop)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Too many levels of symbolic links" in err


def test_a_file_of_another_size_than_signed_is_refused_unread(pack, monkeypatch):
    """A sparse gigabyte beside a copied signature costs nothing: its size is compared
    with the signed one before a byte is hashed."""
    from desktop.content import verify as verify_module

    os.truncate(pack, pack.stat().st_size + 2**20)
    hashed, hash_exactly = [], verify_module._hash_exactly
    monkeypatch.setattr(verify_module, "_hash_exactly", lambda handle, size, take:
                        hashed.append(size) or hash_exactly(handle, size, take))
    assert refusal(pack).startswith(f"{ANOTHER_FILE}: ")
    assert hashed == [DEFAULT_DATABASE.stat().st_size]  # the bundled database alone


# No rollback ------------------------------------------------------------------------------


def test_an_older_signed_pack_replayed_is_refused(tmp_path, content_copy, private_home):
    from desktop.locations import content_folders, user_content_folder
    old = make_pack(tmp_path / "old", content_copy, "2099.1.1", "guide")
    new = make_pack(tmp_path / "new", content_copy, "2099.2.1", "guide")
    folders = content_folders()
    install_pack(new, user_content_folder(), installed=folders)
    with pytest.raises(trust.PackRefusedError) as refused:
        install_pack(old, user_content_folder(), installed=folders)
    assert refused.value.kind == OLDER and str(old) in str(refused.value)
    kept = open_content(None, folders)
    assert kept.version == "2099.2.1"  # the newer one is kept
    kept.database.close()
    # Copied in beside it by hand, the old pack is refused at start too.
    replayed = folders[1] / "replayed.sqlite3"
    replayed.parent.mkdir(parents=True)
    shutil.copyfile(old, replayed)
    shutil.copyfile(signature_path(old), signature_path(replayed))
    content = open_content(None, folders)
    assert content.version == "2099.2.1"
    [(path, reason)] = content.refused
    assert path.name == "replayed.sqlite3" and reason.startswith(f"{OLDER}: ")
    content.database.close()


def test_deleting_the_newest_pack_brings_an_older_one_back_with_a_note(capsys, tmp_path,
                                                                       content_copy,
                                                                       make_window):
    from desktop.cli import main
    from desktop.locations import user_content_folder

    folder = user_content_folder()
    make_pack(folder, content_copy, "2099.1.1", "older")
    newer = make_pack(folder, content_copy, "2099.2.1", "newer")
    assert main(["search", "dose"]) == 0 and "older.sqlite3 refused" in capsys.readouterr().err
    remove_pack(newer)
    assert main(["search", "dose"]) == 0
    [note] = capsys.readouterr().err.splitlines()
    assert note.startswith("note: content version 2099.1.1 is in use, older than version "
                           "2099.2.1 used on this computer before")
    window = make_window()
    assert note.removeprefix("note: ") in window.statusBar().currentMessage()
    assert note.removeprefix("note: ") in window.about_text()


def test_only_an_administrators_record_of_the_newest_version_is_believed(capsys, pack,
                                                                         machine_content):
    from desktop.cli import main

    record = trust.machine_version_record()
    record.parent.mkdir()
    record.write_text('{"content_version": "2999.1.1"}')
    assert main(["search", "dose"]) == 0
    assert "older than version 2999.1.1" in capsys.readouterr().err
    record.parent.chmod(0o777)  # anyone could have written it
    assert main(["search", "dose"]) == 0 and capsys.readouterr().err == ""


def test_db_option_refuses_content_older_than_the_bundled(tmp_path, content_copy, capsys):
    from desktop.cli import main
    old = make_pack(tmp_path, content_copy, "2000.1.1")
    assert main(["triage", "x", "--db", str(old)]) == 2
    assert "older content" in capsys.readouterr().err


# Unsigned content for authors ---------------------------------------------------------------


def test_allow_unsigned_warns_and_marks_the_content(capsys, pack):
    from desktop.cli import main

    signature_path(pack).unlink()
    assert main(["triage", "seizures", "--db", str(pack)]) == 2
    capsys.readouterr()
    assert main(["triage", "seizures", "--db", str(pack), "--allow-unsigned"]) == 0
    out, err = capsys.readouterr()
    assert "EMERGENCY" in out.upper() and err.startswith("warning: unverified content: ")
    content = open_content(pack, trust=Trust(allow_unsigned=True))
    assert content.unverified and content.signed is None
    content.database.close()


def test_allow_unsigned_never_excuses_a_bad_signature(pack):
    signature_path(pack).write_text("junk")
    assert refusal(pack, Trust(allow_unsigned=True)).startswith(f"{BAD_SIGNATURE}: ")


# The command line -------------------------------------------------------------------------


def test_pack_build_sign_verify_install(capsys, tmp_path, private_home):
    from desktop.cli import main
    from desktop.locations import machine_content_folder, user_content_folder

    out = tmp_path / "out"
    assert main(["pack", "build", "--out", str(out), "--version", "2099.5.5"]) == 0
    built = capsys.readouterr().out.splitlines()
    pack = out / "drug-guide-content-2099.5.5.sqlite3"
    assert built[-1] == str(pack) and list(out.iterdir()) == [pack]
    assert "-t 'drug-guide-pack:1 content_version:2099.5.5 drugs:baclofen,tizanidine " in built[0]

    assert main(["pack", "sign", str(pack), "--key", str(trusted_publisher()[0])]) == 0
    assert capsys.readouterr().out == f"{signature_path(pack)}\n"
    assert verify(capsys, pack)[0] == 0

    for options, folder in (([], user_content_folder()), (["--machine"], machine_content_folder())):
        assert main(["pack", "install", str(pack), *options]) == 0
        assert capsys.readouterr().out == f"{folder / pack.name}\n"
        assert sorted(p.name for p in folder.iterdir()) == [pack.name, signature_path(pack).name]
    assert "machine-share" in str(machine_content_folder())


def test_pack_install_machine_writes_fixed_modes_in_the_fixed_folder(capsys, tmp_path, pack,
                                                                      machine_content,
                                                                      monkeypatch):
    from desktop.cli import main

    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "elsewhere"))
    old_umask = os.umask(0)
    try:
        assert main(["pack", "install", str(pack), "--machine"]) == 0
    finally:
        os.umask(old_umask)
    assert capsys.readouterr().out == f"{machine_content / pack.name}\n"
    assert not (tmp_path / "elsewhere").exists()
    made = [machine_content, *machine_content.parents][:4]  # machine-share/DrugGuide/...
    assert [oct(folder.stat().st_mode & 0o777) for folder in made] == ["0o755"] * 4
    assert {oct(path.stat().st_mode & 0o777) for path in machine_content.iterdir()} == {"0o644"}


def test_pack_install_writes_the_bytes_it_verified(pack, monkeypatch):
    """A file swapped in between the check and the copy is never what is installed."""
    from desktop.content import packs
    from desktop.locations import user_content_folder

    original = pack.read_bytes()

    def verified_then_swapped(path, expected):
        data = real_verified_bytes(path, expected)
        path.write_bytes(b"\0" * (len(original) * 4))
        return data

    real_verified_bytes = packs.verified_bytes
    monkeypatch.setattr(packs, "verified_bytes", verified_then_swapped)
    installed = install_pack(pack, user_content_folder())
    assert installed.read_bytes() == original


def test_pack_install_refuses_and_leaves_nothing(capsys, pack):
    from desktop.cli import main
    from desktop.locations import user_content_folder

    data = bytearray(pack.read_bytes())
    data[-10] ^= 0xFF
    pack.write_bytes(bytes(data))
    assert main(["pack", "install", str(pack)]) == 2
    assert ANOTHER_FILE in capsys.readouterr().err
    assert not user_content_folder().exists() or not list(user_content_folder().iterdir())


def test_pack_install_into_a_folder_it_cannot_write_is_one_line(capsys, pack, monkeypatch,
                                                               tmp_path):
    from desktop import locations
    from desktop.cli import main

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(locations, "machine_content_folder", lambda: blocked / "content")
    assert main(["pack", "install", str(pack), "--machine"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs an administrator" in err


def test_pack_sign_refuses_an_encrypted_key(capsys, tmp_path, pack):
    from desktop.cli import main

    secret = tmp_path / "encrypted.key"
    text = trusted_publisher()[0].read_text().replace("RWQAAEIy", "RWRTY0Iy")  # kdf "Sc"
    secret.write_text(text)
    assert main(["pack", "sign", str(pack), "--key", str(secret)]) == 2
    assert "minisign -G -W" in capsys.readouterr().err


def test_pack_version_must_be_numbers(capsys, tmp_path):
    from desktop.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["pack", "build", "--out", str(tmp_path), "--version", "latest"])
    assert exit_.value.code == 2 and "must be YEAR.MONTH.DAY" in capsys.readouterr().err


# Interop with the minisign tool, both ways --------------------------------------------------


@needs_minisign
def test_a_pack_minisign_signs_verifies_in_the_app(capsys, tmp_path, pack):
    secret, public = tmp_path / "ms.key", tmp_path / "ms.pub"
    subprocess.run([MINISIGN, "-G", "-W", "-p", str(public), "-s", str(secret)], check=True,
                   capture_output=True, stdin=subprocess.DEVNULL)
    signature_path(pack).unlink()
    subprocess.run([MINISIGN, "-S", "-s", str(secret), "-m", str(pack), "-t",
                    pack_claim(pack).to_comment()], check=True, capture_output=True,
                   stdin=subprocess.DEVNULL)
    code, report = verify(capsys, pack, "--trusted-key", str(public))
    assert code == 0 and report["valid"]
    # minisign prints the id without leading zeros; the app always gives 16 digits.
    minisign_id = public.read_text().splitlines()[0].rsplit(" ", 1)[1]
    assert int(report["key_id"], 16) == int(minisign_id, 16)


@needs_minisign
@pytest.mark.parametrize("maker", ["minisign", "tests"])
def test_a_pack_the_app_signs_verifies_with_minisign(capsys, tmp_path, pack, maker):
    from desktop.cli import main

    secret, public = tmp_path / "k.key", tmp_path / "k.pub"
    if maker == "minisign":
        subprocess.run([MINISIGN, "-G", "-W", "-p", str(public), "-s", str(secret)],
                       check=True, capture_output=True, stdin=subprocess.DEVNULL)
    else:
        new_key_pair(tmp_path, "k")
    assert main(["pack", "sign", str(pack), "--key", str(secret)]) == 0
    result = subprocess.run([MINISIGN, "-V", "-p", str(public), "-m", str(pack)],
                            capture_output=True, text=True, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert f"Trusted comment: {pack_claim(pack).to_comment()}" in result.stdout
    # and a changed byte fails minisign too
    data = bytearray(pack.read_bytes())
    data[100] ^= 1
    pack.write_bytes(bytes(data))
    assert subprocess.run([MINISIGN, "-V", "-p", str(public), "-m", str(pack)],
                          capture_output=True, check=False,
                          stdin=subprocess.DEVNULL).returncode != 0


# Custody ---------------------------------------------------------------------------------


def test_no_secret_key_is_tracked_by_git():
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    names = subprocess.run([git, "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        path = ROOT / name
        if path.is_file() and path.stat().st_size < 1_000_000:
            text = path.read_bytes().decode("utf-8", errors="ignore")
            assert not any(_is_secret_key_line(line) for line in text.splitlines()), name


def _is_secret_key_line(line: str) -> bool:
    """A minisign secret key's data line: 158 bytes, "Ed", a KDF, then "B2"."""
    line = line.strip()
    if len(line) != 212:
        return False
    try:
        data = base64.b64decode(line, validate=True)
    except ValueError:
        return False
    return data[:2] == b"Ed" and data[4:6] == b"B2"


def test_the_secret_key_check_finds_a_key(tmp_path):
    secret, _ = new_key_pair(tmp_path, "k")
    assert _is_secret_key_line(secret.read_text().splitlines()[1])


def test_copy_of_the_bundled_database_is_a_pack_like_any_other(tmp_path):
    copy = copy_bundled(tmp_path / "copy.sqlite3")
    assert refusal(copy).startswith(f"{UNSIGNED}: ")


# The window ----------------------------------------------------------------------------------


def test_a_signed_pack_loads_in_the_window(window, monkeypatch, pack):
    from desktop.ui import dialogs

    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: pack)
    window.load_content_pack()
    assert window.content.version == "2099.1.1"
    assert window.content.signed is not None and window.unverified_bar.isHidden()
    about = window.about_text()
    assert "Content version 2099.1.1" in about
    assert f"Signed by publisher key {window.content.signed.key_id}" in about


@pytest.mark.parametrize(("spoil", "reason"), [
    (lambda pack: signature_path(pack).unlink(), UNSIGNED),
    (lambda pack: signature_path(pack).write_text("untrusted comment: x\n"), BAD_SIGNATURE),
    (lambda pack: sign(pack, new_key_pair(pack.parent, "stranger")[0]), UNTRUSTED_KEY),
    (lambda pack: pack.write_bytes(pack.read_bytes()[:-1] + b"\x01"), ANOTHER_FILE),
])
def test_the_load_dialog_names_the_reason(window, monkeypatch, dialog_log, pack, spoil, reason):
    from desktop.locations import user_content_folder
    from desktop.ui import dialogs

    spoil(pack)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: pack)
    before = window.content
    window.load_content_pack()
    [(title, text, _, error)] = dialog_log
    assert title == "Content pack refused" and error and f"\n\n{reason}: " in text
    assert window.content is before
    assert not user_content_folder().exists() or not list(user_content_folder().iterdir())


def test_the_load_dialog_refuses_an_older_pack(window, monkeypatch, dialog_log, tmp_path,
                                               content_copy):
    from desktop.ui import dialogs

    newer = make_pack(tmp_path / "newer", content_copy, "2099.2.2")
    older = make_pack(tmp_path / "older", content_copy, "2099.1.1")
    for path in (newer, older):
        monkeypatch.setattr(dialogs, "ask_open_path", lambda *args, path=path: path)
        window.load_content_pack()
    assert window.content.version == "2099.2.2"
    [(title, text, _, _)] = dialog_log
    assert title == "Content pack refused" and f"{OLDER}: " in text


def test_about_names_each_refused_pack_and_its_reason(make_window, pack):
    from desktop.locations import user_content_folder

    folder = user_content_folder()
    folder.mkdir(parents=True)
    shutil.copyfile(pack, folder / "unsigned.sqlite3")
    window = make_window()
    assert f"Refused content pack {folder / 'unsigned.sqlite3'}: {UNSIGNED}: " in (
        window.about_text())
    assert "Shipped with this installation" in window.about_text()


def test_unsigned_content_shows_a_bar_that_stays(make_window, pack, monkeypatch, tmp_path):
    from desktop.ui.main_window import UNVERIFIED

    signature_path(pack).unlink()
    window = make_window(pack, trust=Trust(allow_unsigned=True))
    assert window.unverified_bar.isVisible() and window.unverified_bar.text() == UNVERIFIED
    assert UNVERIFIED in window.about_text()
    for index in range(window.tabs.count()):  # every page, and a search: still there
        window.tabs.setCurrentIndex(index)
    window.search_field.setText("seizures")
    assert window.unverified_bar.isVisible()


def test_signed_content_shows_no_bar(window):
    assert window.unverified_bar.isHidden()
