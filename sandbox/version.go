package sandbox

import "runtime/debug"

// Version is the sandbox's version as `-version` prints it. Set it at build
// time:
//
//	go build -ldflags "-X github.com/customers-api/sandbox/sandbox.Version=v1.2.3" ./cmd/sandbox
//
// Left empty, VersionString falls back to the build information.
var Version string

// VersionString is Version when set; else the module version the binary
// was built at (`go install …@v1.2.3`); else "dev", with the VCS revision
// when the build recorded one ("dev-0123456789ab", "-dirty" for a modified
// tree).
func VersionString() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "dev-" + rev + dirty
}
