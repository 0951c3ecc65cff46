# keychain: a real Secret Service (gnome-keyring-daemon, secrets component only) on a session D-Bus
# of our own, for the credential tests.
#
# - dbus-daemon runs with its own config: it listens on $STATE/keychain/bus and has no service
#   directories, so nothing is auto-activated on it (no gnome-keyring of the desktop, no prompter).
# - gnome-keyring-daemon runs with a throw-away HOME / XDG_DATA_HOME / XDG_RUNTIME_DIR under the
#   state dir. `--unlock` reads the password on stdin: on the first start it creates the `login`
#   keyring with that password (the default collection) and unlocks it, so no unlock prompt is ever
#   needed. That is also why it works headless: the secrets component needs no X display; only a
#   prompt (to unlock or create a collection) would, and there never is one.
# - The keyring files stay in the state dir between runs (same password each time), so a restart of
#   the daemons finds the old items again; `rm -rf $STATE/keychain` forgets them.
#
# Exported: DBUS_SESSION_BUS_ADDRESS (the bus QtKeychain/libsecret and secret-tool use) and
# SLIPWAY_TEST_KEYRING_HOME (the daemon's HOME, where its keyring files live, so tests can check what
# is on disk).

keychain_dir() { echo "$STATE/keychain"; }
keychain_bus_address() { echo "unix:path=$(keychain_dir)/bus"; }
# Not a secret worth protecting: the keyring holds only what tests put there.
keychain_password() { echo "slipway-test-keyring"; }

keychain_bus() {
  DBUS_SESSION_BUS_ADDRESS=$(keychain_bus_address) dbus-send --session --print-reply=literal \
    --reply-timeout=3000 --dest=org.freedesktop.DBus /org/freedesktop/DBus "$@" 2>/dev/null
}

keychain_bus_answers() {
  [ -S "$(keychain_dir)/bus" ] && keychain_bus org.freedesktop.DBus.GetId >/dev/null
}

keychain_secrets_owned() {
  keychain_bus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q true
}

# A real write and read through the Secret Service: only that proves the collection is unlocked.
keychain_round_trip() {
  local probe value
  probe="probe-$$-$RANDOM"
  printf '%s' "$probe" | DBUS_SESSION_BUS_ADDRESS=$(keychain_bus_address) \
    secret-tool store --label='slipway services probe' slipway-services probe 2>/dev/null || return 1
  value=$(DBUS_SESSION_BUS_ADDRESS=$(keychain_bus_address) secret-tool lookup slipway-services probe 2>/dev/null)
  [ "$value" = "$probe" ]
}

keychain_answers() { keychain_bus_answers && keychain_secrets_owned && keychain_round_trip; }

keychain_write_bus_config() {
  local dir=$1
  cat >"$dir/session.conf" <<XML
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
XML
}

keychain_start_bus() {
  local dir=$1
  keychain_write_bus_config "$dir"
  rm -f "$dir/bus"
  log "keychain: starting a session dbus-daemon on $dir/bus"
  # --fork: dbus-daemon daemonises itself once it listens, and prints its pid first.
  setsid dbus-daemon --config-file="$dir/session.conf" --fork --print-pid=3 --print-address=4 \
    3>"$dir/dbus.pid" 4>"$dir/dbus.address" </dev/null >>"$dir/dbus.log" 2>&1 {lock_fd}>&- ||
    die "keychain: dbus-daemon did not start; see $dir/dbus.log"
  wait_until 10 keychain_bus_answers || die "keychain: the session bus does not answer; see $dir/dbus.log"
}

keychain_start_keyring() {
  local dir=$1
  mkdir -p "$dir/home/.local/share" "$dir/runtime"
  chmod 700 "$dir/home" "$dir/runtime"
  log "keychain: starting gnome-keyring-daemon (secrets) with HOME=$dir/home"
  # --daemonize returns once the daemon runs, but it claims org.freedesktop.secrets a little later.
  keychain_password | setsid env -u DISPLAY -u WAYLAND_DISPLAY HOME="$dir/home" \
    XDG_DATA_HOME="$dir/home/.local/share" XDG_CONFIG_HOME="$dir/home/.config" \
    XDG_RUNTIME_DIR="$dir/runtime" DBUS_SESSION_BUS_ADDRESS="$(keychain_bus_address)" \
    gnome-keyring-daemon --unlock --components=secrets --daemonize >>"$dir/keyring.log" 2>&1 {lock_fd}>&- ||
    die "keychain: gnome-keyring-daemon did not start; see $dir/keyring.log"
  wait_until 15 keychain_secrets_owned || die "keychain: nothing owns org.freedesktop.secrets; see $dir/keyring.log"
  keychain_bus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets |
    awk '{print $2}' >"$dir/keyring.pid"
}

keychain_start() {
  local dir
  dir=$(keychain_dir)
  if keychain_answers; then
    log "keychain: reusing the Secret Service on $(keychain_bus_address)"
    return 0
  fi
  require_command dbus-daemon
  require_command dbus-send
  require_command gnome-keyring-daemon
  require_command secret-tool
  mkdir -p "$dir"
  # Whatever is left of an earlier start (a bus without a keyring, a locked keyring) goes first.
  keychain_stop
  keychain_start_bus "$dir"
  keychain_start_keyring "$dir"
  keychain_round_trip || die "keychain: the Secret Service does not store and read back; see $dir/keyring.log"
  mark_started keychain
}

# True when pid file $1 names a live process of ours: a pid file that outlived a reboot may name
# someone else's process. dbus-daemon has our config on its command line; gnome-keyring-daemon has
# our throw-away HOME in its environment.
keychain_pid_ours() {
  local dir pid
  dir=$(keychain_dir)
  pid=$(read_pid "$1")
  pid_alive "$pid" || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--config-file=$dir/session.conf" ||
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "HOME=$dir/home"
}

keychain_stop() {
  local dir
  dir=$(keychain_dir)
  if keychain_pid_ours "$dir/keyring.pid"; then
    stop_pid "$(read_pid "$dir/keyring.pid")" gnome-keyring-daemon 10
  fi
  if keychain_pid_ours "$dir/dbus.pid"; then
    stop_pid "$(read_pid "$dir/dbus.pid")" dbus-daemon 10
  fi
  rm -f "$dir/keyring.pid" "$dir/dbus.pid" "$dir/bus"
}

keychain_env() {
  export_var DBUS_SESSION_BUS_ADDRESS "$(keychain_bus_address)"
  export_var SLIPWAY_TEST_KEYRING_HOME "$(keychain_dir)/home"
}
