-- TruthLens for Neovim: starts `truthlens lsp` for Markdown and plain-text drafts.
--
--   require('truthlens').setup()          -- `truthlens` from PATH, default settings
--   require('truthlens').setup({
--     cmd = { '/path/to/truthlens', 'lsp' },
--     filetypes = { 'markdown', 'text' },
--     settings = { run = 'onSave', quotes = { policy = 'hint' } },  -- same keys as .truthlens.toml
--     inlay_hints = false,  -- hide the `— source` hint after each statement
--   })
--
-- Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable; 0.10 falls back to vim.lsp.start.

local M = {}

M.defaults = {
  cmd = { 'truthlens', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.truthlens.toml', '.git' },
  -- Sent as the `truthlens` section of workspace/configuration. The keys are those
  -- of .truthlens.toml (rules, quotes, single-source, summary, allowlist, run); the
  -- server parses them with the same schema, so a typo is reported, not ignored.
  settings = {},
  -- Create :TruthLensSummary, :TruthLensReport, :TruthLensSources, :TruthLensInsert.
  commands = true,
  -- Tell the server where the cursor is (`truthlens/cursor`), so that a finding on
  -- the word being typed waits until the cursor leaves it.
  cursor = true,
  -- Show after each quote and reporting cue the source it is attributed to
  -- (`— Maria Repnikova`), as inlay hints. Off also tells the server (`inlay-hints`).
  inlay_hints = true,
}

-- The options of the last setup() call; commands and health read them.
M.options = vim.deepcopy(M.defaults)

local NAME = 'truthlens'

-- A Lua table with no keys encodes as a JSON array; the server wants an object.
local function as_object(t)
  if type(t) ~= 'table' or next(t) == nil then return vim.empty_dict() end
  return t
end

local function lsp_settings(opts)
  local settings = as_object(vim.deepcopy(opts.settings))
  -- Off in the plugin is off in the server too, so a buffer whose inlay hints are
  -- on for another server does not show TruthLens's; an explicit setting wins.
  if opts.inlay_hints == false and settings['inlay-hints'] == nil then
    settings = vim.tbl_extend('force', settings, { ['inlay-hints'] = false })
  end
  return { truthlens = settings }
end

local function client_config(opts)
  return {
    name = NAME,
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    settings = lsp_settings(opts),
  }
end

-- Neovim 0.10 has no vim.lsp.enable: start (or reuse) a client per root on FileType.
-- Each start reads the current options, so a later set_settings() reaches it.
local function start_on_filetype(filetypes)
  local group = vim.api.nvim_create_augroup('truthlens.lsp', { clear = true })
  local function attach(buf)
    if vim.bo[buf].buftype ~= '' then return end
    local config = client_config(M.options)
    local root = vim.fs.root(buf, config.root_markers)
      or vim.fs.dirname(vim.api.nvim_buf_get_name(buf))
    vim.lsp.start(vim.tbl_extend('force', config, { root_dir = root }), { bufnr = buf })
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = filetypes,
    callback = function(ev) attach(ev.buf) end,
  })
  -- Buffers opened before setup() (e.g. `nvim draft.md -u init.lua`) already had FileType.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(filetypes, vim.bo[buf].filetype) then
      attach(buf)
    end
  end
end

-- Report the cursor of each buffer a TruthLens client attaches to. Typing moves the
-- cursor with every change, and the server already takes it to be at the end of
-- what a change wrote, so Insert-mode moves that come with an edit are not sent
-- (sending one first flushes the pending didChange, which would undo Neovim's
-- debounce); moves without an edit are, and so is every Normal-mode move.
local function report_cursor()
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('truthlens.cursor', { clear = true }),
    callback = function(ev)
      local client = vim.lsp.get_client_by_id(ev.data.client_id)
      if not client or client.name ~= NAME then return end
      local buf = ev.buf
      local sent, tick
      vim.api.nvim_create_autocmd({ 'CursorMoved', 'CursorMovedI' }, {
        group = vim.api.nvim_create_augroup('truthlens.cursor.' .. buf, { clear = true }),
        buffer = buf,
        callback = function(move)
          local now = vim.api.nvim_buf_get_changedtick(buf)
          local typed = move.event == 'CursorMovedI' and now ~= tick
          tick = now
          if typed or vim.api.nvim_get_current_buf() ~= buf then return end
          local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
          local at = params.position.line .. ':' .. params.position.character .. ':' .. now
          if at == sent then return end
          sent = at
          M.notify(client, 'truthlens/cursor', { uri = params.textDocument.uri, position = params.position })
        end,
      })
    end,
  })
end

-- Turn inlay hints on in each buffer a TruthLens client attaches to (Neovim keeps
-- them off unless asked).
local function show_inlay_hints()
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('truthlens.inlay_hints', { clear = true }),
    callback = function(ev)
      local client = vim.lsp.get_client_by_id(ev.data.client_id)
      if not client or client.name ~= NAME or not vim.lsp.inlay_hint then return end
      vim.lsp.inlay_hint.enable(true, { bufnr = ev.buf })
    end,
  })
end

function M.setup(opts)
  -- Lists (cmd, filetypes) are replaced whole by tbl_deep_extend, tables merged.
  opts = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  M.options = opts

  local config = client_config(opts)
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
  elseif vim.lsp.start and vim.fs.root then
    start_on_filetype(opts.filetypes)
  else
    vim.notify('truthlens: Neovim 0.10 or newer is required', vim.log.levels.ERROR)
    return
  end
  if opts.commands then require('truthlens.commands').create() end
  if opts.cursor then report_cursor() end
  if opts.inlay_hints then
    show_inlay_hints()
  else
    pcall(vim.api.nvim_del_augroup_by_name, 'truthlens.inlay_hints')
  end
end

--- The running TruthLens clients (for a buffer, if given).
function M.clients(buf)
  return vim.lsp.get_clients({ name = NAME, bufnr = buf })
end

--- Replace the settings live: running servers get workspace/didChangeConfiguration
--- (and answer later workspace/configuration requests from client.settings); servers
--- started later get them from the config.
function M.set_settings(settings)
  M.options.settings = settings or {}
  local new = lsp_settings(M.options)
  -- vim.lsp.config(NAME, ...) deep-merges, so a key dropped from the settings would
  -- live on in clients started later: replace the config's settings whole instead.
  if vim.lsp.config and vim.lsp.config[NAME] then
    local config = vim.deepcopy(vim.lsp.config[NAME])
    config.settings = new
    vim.lsp.config[NAME] = config
  end
  for _, client in ipairs(M.clients()) do
    client.settings = new
    M.notify(client, 'workspace/didChangeConfiguration', { settings = new })
  end
end

-- Client methods became `client:method()` in 0.11; 0.10 has `client.method()`.
function M.notify(client, method, params)
  if vim.fn.has('nvim-0.11') == 1 then return client:notify(method, params) end
  return client.notify(method, params)
end

function M.request_sync(client, method, params, timeout, buf)
  if vim.fn.has('nvim-0.11') == 1 then return client:request_sync(method, params, timeout, buf) end
  return client.request_sync(method, params, timeout, buf)
end

--- The CLI binary: the server command's program, so a custom path serves both.
function M.binary()
  return M.options.cmd[1]
end

return M
