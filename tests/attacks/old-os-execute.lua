-- attack: os.execute creating a file outside
-- class: older classes
-- expect: 3
-- message: not available
-- forbid: crashed

os.execute("touch " .. "../outside/pwned")
