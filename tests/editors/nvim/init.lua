-- The Neovim config the end-to-end tests start with: what a user's init.lua holds
-- (the plugin on the runtimepath, then setup), plus test knobs read from the environment.
vim.opt.runtimepath:prepend(assert(os.getenv('TRUTHLENS_NVIM_PLUGIN'), 'TRUTHLENS_NVIM_PLUGIN unset'))
vim.opt.swapfile = false

-- Exercise the Neovim 0.10 path (vim.lsp.start on FileType) on 0.11 by hiding the 0.11 API.
if os.getenv('TRUTHLENS_TEST_FORCE_START') == '1' then
  vim.lsp.config = nil
  vim.lsp.enable = nil
end

-- setup() with no arguments is the documented default: `truthlens lsp` from PATH.
local opts = os.getenv('TRUTHLENS_TEST_SETUP')
require('truthlens').setup(opts and vim.json.decode(opts) or nil)
