-- Argo CD health check for keysmith.dev ApiChannel (docs/gitops.md explains each status).
local hs = {}

local function condition(conditionType)
  if obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

if obj.status == nil or obj.status.observedGeneration == nil
    or (obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the latest spec"
  return hs
end

local ready = condition("Ready")
local active = condition("Active")
if ready ~= nil and ready.status == "False"
    and (ready.reason == "InvalidSpec" or ready.reason == "KeyringTooLarge" or ready.reason == "SecretConflict") then
  -- A change in Git or in the cluster is needed; the keys go on by the last valid spec meanwhile.
  hs.status = "Degraded"
  hs.message = messageOf(ready, ready.reason)
elseif active ~= nil and active.status == "False" then
  -- Inactive on purpose (spec.active: false): every key of the channel is Suspended too.
  hs.status = "Suspended"
  hs.message = messageOf(active, "The channel is inactive")
elseif ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "The keyring is published")
else
  hs.status = "Progressing"
  hs.message = messageOf(ready, "Waiting for the keyring to be published")
end
return hs
