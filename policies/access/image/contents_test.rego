package tollgate.access.image.contents_test

import data.tollgate.access.image.contents
import data.tollgate.access.image.fixtures_test as fx
import rego.v1

file(path, mode, setuid, setgid, ww) := {
	"path": path, "type": "file", "mode": mode, "uid": 0, "gid": 0, "layer": 1,
	"setuid": setuid, "setgid": setgid, "world_writable": ww, "__loc": fx.image_loc,
}

dir(path, mode) := object.union(file(path, mode, false, false, true), {"type": "directory"})

# with_files(doc, notable, shells) is doc with the files object of the image scanner.
with_files(doc, notable, shells) := object.union(doc, {"resource": object.union(doc.resource, {"files": {
	"read": true, "notable": notable, "shells": shells, "truncated": false, "__loc": fx.image_loc,
}})})

plain := with_files(fx.image({}, [fx.hello]), [], ["/bin/sh"])

test_compliant_image_has_none if {
	count(contents.deny) == 0 with input as plain
}

test_tg_img_009_violation if {
	doc := with_files(fx.image({}, [fx.pkg("openssh-server", "1:9.2p1-2", "deb", ["BSD-2-Clause"])]), [], ["/bin/sh"])
	f := fx.only(contents.deny, "TG-IMG-009") with input as doc
	f.message == `image "registry.example/app:1.4" carries the SSH server package openssh-server 1:9.2p1-2`
	f.location == fx.image_loc
}

test_tg_img_009_compliant if {
	doc := with_files(fx.image({}, [fx.pkg("openssh-client", "1:9.2p1-2", "deb", []), fx.pkg("dropbear", "1.0", "npm", [])]), [], [])
	count(fx.ids(contents.deny, "TG-IMG-009")) == 0 with input as doc
}

test_tg_img_010_violation if {
	doc := with_files(fx.image({}, [fx.pkg("gcc-12", "12.2.0-14", "deb", []), fx.pkg("clang", "16.0.6", "apk", []), fx.pkg("libgcc-s1", "12.2.0-14", "deb", [])]), [], ["/bin/sh"])
	fs := fx.ids(contents.deny, "TG-IMG-010") with input as doc
	{f.message | some f in fs} == {
		`image "registry.example/app:1.4" carries the compiler package gcc-12 12.2.0-14`,
		`image "registry.example/app:1.4" carries the compiler package clang 16.0.6`,
	}
}

test_tg_img_011_violation if {
	doc := with_files(fx.image({}, [fx.pkg("apt", "2.6.1", "deb", [])]), [], [])
	f := fx.only(contents.deny, "TG-IMG-011") with input as doc
	f.message == `image "registry.example/app:1.4" has no shell but carries the package manager apt 2.6.1`
}

test_tg_img_011_compliant if {
	doc := with_files(fx.image({}, [fx.pkg("apt", "2.6.1", "deb", [])]), [], ["/bin/bash"])
	count(fx.ids(contents.deny, "TG-IMG-011")) == 0 with input as doc
	unread := object.union(doc, {"resource": object.union(doc.resource, {"files": {"read": false, "notable": [], "shells": [], "truncated": false}})})
	count(fx.ids(contents.deny, "TG-IMG-011")) == 0 with input as unread
}

test_tg_img_012_violation if {
	doc := with_files(fx.image({}, []), [
		file("/usr/bin/passwd", "4755", true, false, false),
		file("/usr/local/bin/helper", "4755", true, false, false),
		file("/usr/bin/crontab", "2755", false, true, false),
		file("/opt/both", "6755", true, true, false),
	], ["/bin/sh"])
	fs := fx.ids(contents.deny, "TG-IMG-012") with input as doc
	{f.message | some f in fs} == {
		`image "registry.example/app:1.4" holds setuid file /usr/local/bin/helper (mode 4755, layer 1)`,
		`image "registry.example/app:1.4" holds setgid file /usr/bin/crontab (mode 2755, layer 1)`,
		`image "registry.example/app:1.4" holds setuid and setgid file /opt/both (mode 6755, layer 1)`,
	}
}

test_tg_img_013_violation if {
	doc := with_files(fx.image({}, []), [
		file("/etc/app.conf", "0666", false, false, true),
		dir("/data", "0777"),
		file("/tmp/cache.db", "0666", false, false, true),
		dir("/var/tmp/x", "0777"),
	], ["/bin/sh"])
	fs := fx.ids(contents.deny, "TG-IMG-013") with input as doc
	{f.message | some f in fs} == {
		`image "registry.example/app:1.4" holds world-writable file /etc/app.conf (mode 0666, layer 1)`,
		`image "registry.example/app:1.4" holds world-writable directory /data (mode 0777, layer 1)`,
	}
}

test_tg_img_010_compliant if {
	doc := with_files(fx.image({}, [fx.pkg("libgcc-s1", "12.2.0-14", "deb", []), fx.pkg("gcc", "1.0", "pypi", [])]), [], ["/bin/sh"])
	count(fx.ids(contents.deny, "TG-IMG-010")) == 0 with input as doc
}

test_tg_img_012_compliant if {
	doc := with_files(fx.image({}, []), [file("/usr/bin/passwd", "4755", true, false, false), file("/usr/sbin/unix_chkpwd", "2755", false, true, false)], ["/bin/sh"])
	count(fx.ids(contents.deny, "TG-IMG-012")) == 0 with input as doc
}

test_tg_img_013_compliant if {
	doc := with_files(fx.image({}, []), [file("/tmp/x", "0666", false, false, true), dir("/dev/shm", "0777")], ["/bin/sh"])
	count(fx.ids(contents.deny, "TG-IMG-013")) == 0 with input as doc
}
