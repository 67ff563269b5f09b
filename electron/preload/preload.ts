import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_KEY } from '../../shared/api/bridge-channels';
import { createBridge } from './create-bridge';

// The sandboxed preload: exposes the typed bridge as window.workbench and nothing else.
contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(ipcRenderer, webUtils));
