-- attack: the debug library: debug.sethook to lift the instruction limit, debug.getregistry
-- class: older classes
-- expect: 3
-- message: undefined variable 'debug'
-- forbid: crashed

debug.sethook()
print(debug.getregistry())
